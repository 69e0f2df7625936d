namespace WarningDispatch.Infrastructure.Tests;

/// <summary>
/// The spans of an OTLP/HTTP protobuf trace export (ExportTraceServiceRequest), read straight from the protobuf wire
/// format: resource_spans (1) → scope_spans (2) → spans (2) → trace_id (1), span_id (2), parent_span_id (4), name (5).
/// </summary>
public static class OtlpSpans
{
    public sealed record Span(string TraceId, string SpanId, string ParentSpanId, string Name);

    public static IEnumerable<Span> Read(byte[] request)
    {
        foreach (var resourceSpans in Fields(request, 1))
        foreach (var scopeSpans in Fields(resourceSpans, 2))
        foreach (var span in Fields(scopeSpans, 2))
        {
            string Hex(int field) => Fields(span, field).Select(Convert.ToHexStringLower).FirstOrDefault() ?? "";
            var name = Fields(span, 5).Select(b => System.Text.Encoding.UTF8.GetString(b)).FirstOrDefault() ?? "";
            yield return new Span(Hex(1), Hex(2), Hex(4), name);
        }
    }

    /// <summary>The length-delimited values of one field number in a message; other fields are skipped.</summary>
    static IEnumerable<byte[]> Fields(byte[] message, int number)
    {
        var found = new List<byte[]>();
        var i = 0;
        while (i < message.Length)
        {
            var key = Varint(message, ref i);
            switch ((int)(key & 7))
            {
                case 0: Varint(message, ref i); break;
                case 1: i += 8; break;
                case 5: i += 4; break;
                case 2:
                    var length = (int)Varint(message, ref i);
                    if ((int)(key >> 3) == number) found.Add(message[i..(i + length)]);
                    i += length;
                    break;
                default: throw new FormatException($"wire type {key & 7}");
            }
        }
        return found;
    }

    static ulong Varint(byte[] b, ref int i)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var x = b[i++];
            value |= (ulong)(x & 0x7f) << shift;
            if (x < 0x80) return value;
        }
    }
}
