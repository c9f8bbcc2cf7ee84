namespace Orchestrator.Connectors.Notify;

/// <summary>A message of the catalogue filled in for one customer.</summary>
/// <param name="Template">The template's name.</param>
/// <param name="Language">The language rendered (the catalogue's spelling; <c>en</c> when the one asked for has no file).</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Body">The body, lines separated by <c>\n</c>.</param>
public sealed record RenderedMessage(string Template, string Language, string Subject, string Body);
