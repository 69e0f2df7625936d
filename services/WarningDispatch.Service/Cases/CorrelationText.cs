namespace WarningDispatch.Service.Cases;

/// <summary>What the correlation settings say when they are wrong, zh-CN first.</summary>
static class CorrelationText
{
    public const string KeyRequired =
        "Correlation:PersonKey 必须是至少 32 字节的 base64 (openssl rand -base64 32) " +
        "(Correlation:PersonKey must be the base64 of at least 32 bytes: openssl rand -base64 32)";

    public const string WindowAndCount =
        "Correlation:Window 须大于 0，Correlation:RepeatCount 须至少为 2 " +
        "(Correlation:Window must be positive and Correlation:RepeatCount at least 2)";
}
