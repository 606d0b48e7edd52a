// OPCFoundation/UA-.NETStandard, Stack/Opc.Ua.Core/Security/Certificates/CertificateValidator.cs, before 626bdcb (#2415):
// both WaitAsync(ct) calls sit inside the try whose finally releases m_semaphore; a cancelled validation releases a slot
// it never took, and the next two validations run at once (or Release throws SemaphoreFullException).
#nullable enable
using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace RealBugs.OpcUa_CertificateValidatorWait.Before;

public sealed class ServiceResultException : Exception
{
}

public class CertificateValidator
{
    private readonly SemaphoreSlim m_semaphore = new SemaphoreSlim(1, 1);
    private readonly Dictionary<string, X509Certificate2> m_validatedCertificates = new Dictionary<string, X509Certificate2>();

    public virtual async Task ValidateAsync(X509Certificate2Collection chain, CancellationToken ct)
    {
        X509Certificate2 certificate = chain[0];

        try
        {
            try
            {
                await m_semaphore.WaitAsync(ct).ConfigureAwait(false); // expect: RACE002

                await InternalValidateAsync(chain, ct).ConfigureAwait(false);

                m_validatedCertificates[certificate.Thumbprint] = new X509Certificate2(certificate.RawData);
                return;
            }
            finally
            {
                m_semaphore.Release();
            }
        }
        catch (ServiceResultException se)
        {
            HandleCertificateValidationException(se, certificate, chain);
        }

        try
        {
            await m_semaphore.WaitAsync(ct).ConfigureAwait(false); // expect: RACE002

            m_validatedCertificates[certificate.Thumbprint] = new X509Certificate2(certificate.RawData);
        }
        finally
        {
            m_semaphore.Release();
        }
    }

    protected virtual Task InternalValidateAsync(X509Certificate2Collection chain, CancellationToken ct) => Task.CompletedTask;

    private void HandleCertificateValidationException(ServiceResultException se, X509Certificate2 certificate, X509Certificate2Collection chain)
    {
        if (certificate.NotAfter < DateTime.UtcNow)
        {
            throw se;
        }
    }
}
