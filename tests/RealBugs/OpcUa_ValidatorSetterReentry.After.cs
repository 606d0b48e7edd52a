// OPCFoundation/UA-.NETStandard, Stack/Opc.Ua.Core/Security/Certificates/CertificateValidator.cs, fixed in 2bae834 (#2555): the
// setters call InternalResetValidatedCertificates, which assumes the semaphore is held and does not take it.
#nullable enable
using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using System.Threading;

namespace RealBugs.OpcUa_ValidatorSetterReentry.After;

[Flags]
public enum ProtectFlags
{
    None = 0,
    MinimumCertificateKeySize = 1,
    UseValidatedCertificates = 2,
}

public class CertificateValidator
{
    private readonly SemaphoreSlim m_semaphore = new SemaphoreSlim(1, 1);
    private readonly Dictionary<string, X509Certificate2> m_validatedCertificates = new Dictionary<string, X509Certificate2>();
    private ProtectFlags m_protectFlags;
    private ushort m_minimumCertificateKeySize;
    private bool m_useValidatedCertificates;

    public void ResetValidatedCertificates()
    {
        try
        {
            m_semaphore.Wait();

            InternalResetValidatedCertificates();
        }
        finally
        {
            m_semaphore.Release();
        }
    }

    public ushort MinimumCertificateKeySize
    {
        get => m_minimumCertificateKeySize;
        set
        {
            try
            {
                m_semaphore.Wait();

                m_protectFlags |= ProtectFlags.MinimumCertificateKeySize;
                if (m_minimumCertificateKeySize != value)
                {
                    m_minimumCertificateKeySize = value;
                    InternalResetValidatedCertificates();
                }
            }
            finally
            {
                m_semaphore.Release();
            }
        }
    }

    public bool UseValidatedCertificates
    {
        get => m_useValidatedCertificates;
        set
        {
            try
            {
                m_semaphore.Wait();

                m_protectFlags |= ProtectFlags.UseValidatedCertificates;
                if (m_useValidatedCertificates != value)
                {
                    m_useValidatedCertificates = value;
                    InternalResetValidatedCertificates();
                }
            }
            finally
            {
                m_semaphore.Release();
            }
        }
    }

    private void InternalResetValidatedCertificates()
    {
        foreach (var cert in m_validatedCertificates.Values)
        {
            cert.Dispose();
        }

        m_validatedCertificates.Clear();
    }
}
