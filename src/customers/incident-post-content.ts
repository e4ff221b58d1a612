import sanitizeHtml from "sanitize-html";

/**
 * Microsoft publishes incident posts as HTML. A desk shows them, so the API serves a sanitised
 * copy (an allowlist of formatting tags; links only to http, https and mailto, opened safely) and
 * a plain-text copy, both from sanitize-html, instead of leaving every UI to sanitise raw HTML.
 */
const HTML_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "div", "span", "b", "strong", "i", "em", "u", "s", "sub", "sup", "code", "pre", "blockquote",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td", "hr",
  ],
  allowedAttributes: { a: ["href"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  // Scripts and styles go with their content; every other disallowed tag keeps its text.
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "iframe", "object"],
  transformTags: { a: sanitizeHtml.simpleTransform("a", { target: "_blank", rel: "noopener noreferrer nofollow" }) },
};
// simpleTransform adds attributes after filtering; allow the two it sets.
HTML_OPTIONS.allowedAttributes = { a: ["href", "target", "rel"] };

const TEXT_OPTIONS: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {}, nonTextTags: HTML_OPTIONS.nonTextTags };

/** Block ends that read as a line break in text. Applied to sanitised (well-formed) HTML only. */
const LINE_BREAKS = /<br\s*\/?>|<\/(p|div|li|h[1-6]|tr|blockquote|pre)>|<hr\s*\/?>/gi;

// sanitize-html re-escapes text with exactly these four entities.
const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"' };

export interface IncidentPostContent {
  /** Safe to insert as HTML. */
  html: string;
  /** The readable text, one line per paragraph or list item. */
  text: string;
}

export function incidentPostContent(raw: string): IncidentPostContent {
  const html = sanitizeHtml(raw, HTML_OPTIONS);
  // Whitespace in HTML source is not layout: collapse it, then break lines where blocks end.
  const text = sanitizeHtml(html.replace(/\s+/g, " ").replace(LINE_BREAKS, (tag) => `${tag}\n`), TEXT_OPTIONS)
    .replace(/&(amp|lt|gt|quot);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return { html, text };
}
