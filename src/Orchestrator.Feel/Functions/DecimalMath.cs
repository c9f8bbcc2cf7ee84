namespace Orchestrator.Feel.Functions;

/// <summary>Square root in decimal arithmetic, so <c>sqrt</c> and <c>stddev</c> keep decimal precision instead of a double's 15 digits.</summary>
internal static class DecimalMath
{
    /// <summary>The square root of a non-negative number, to decimal's precision; null for a negative one.</summary>
    public static decimal? Sqrt(decimal value)
    {
        if (value < 0)
        {
            return null;
        }

        if (value == 0)
        {
            return 0;
        }

        // Newton's iteration from the double estimate converges in a few steps.
        var x = (decimal)Math.Sqrt((double)value);
        for (var i = 0; i < 8; i++)
        {
            var next = (x + (value / x)) / 2;
            if (next == x)
            {
                break;
            }

            x = next;
        }

        return x;
    }
}
