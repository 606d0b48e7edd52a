using System.Threading.Tasks;
using RaceAnalyzers.Tests.Verification;
using Xunit;
using static RaceAnalyzers.Tests.Verification.ExpectedDiagnostic;

namespace RaceAnalyzers.Tests
{
    public sealed class Race001Tests
    {
        private static string Handler(string body) => @"using System;
using Broker;

public sealed class MessageProcessor
{
    private readonly ConnectionPool _pool = new ConnectionPool();
    private readonly IMessageHandler _handler;
    private readonly IAppLogger _log;

    public MessageProcessor(IMessageHandler handler, IAppLogger log) { _handler = handler; _log = log; }

    public void ProcessMessage(Message msg)
    {
" + body + @"
    }
}
" + InHouseApis.MessageQueue;

        [Fact]
        public async Task CaseStudy_ReturnBeforeAcknowledge_IsFlaggedAtTheReturnAndFixedWithFinally()
        {
            var source = Handler(@"        var conn = _pool.GetConnection();
        try
        {
            _handler.Process(msg);
            {|#0:_pool.ReturnConnection(conn)|};
            {|#1:msg.Acknowledge()|};
        }
        catch (Exception)
        {
            msg.Nack();
            throw;
        }");
            var fixedSource = Handler(@"        var conn = _pool.GetConnection();
        try
        {
            _handler.Process(msg);
            msg.Acknowledge();
        }
        catch (Exception)
        {
            msg.Nack();
            throw;
        }
        finally
        {
            _pool.ReturnConnection(conn);
        }");
            await Verify.FixAsync(source.Replace("{|#0:", "{|#0:{|RACE001:").Replace("(conn)|}", "(conn)|}|}"), fixedSource, null,
                Race("RACE001", 0).WithAdditional(1).WithMessage("'conn'", "_pool.ReturnConnection(conn)", "msg.Acknowledge()", "line 19"));
        }
    }
}
