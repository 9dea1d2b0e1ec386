import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// Lesson bodies and activity instructions are Markdown from the curriculum. They are rendered here,
// on the server, and whatever HTML comes out is cut down to a strict allow-list: text structure,
// tables and links only, no images, scripts, styles, classes, ids or event handlers.

const marked = new Marked({ gfm: true, breaks: false, async: false });

const ALLOWED_TAGS = [
  'p', 'br', 'hr',
  'h2', 'h3', 'h4', 'h5', 'h6',
  'strong', 'em', 'del', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li',
  'table', 'thead', 'tbody', 'tr', 'th', 'td',
  'a',
];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'] },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // A lesson sits under the page's h1: its own top-level headings become h2.
  transformTags: {
    h1: 'h2',
    a: (tagName, attribs) => {
      const external = /^https?:/i.test(attribs.href ?? '');
      return { tagName, attribs: external ? { ...attribs, rel: 'noopener noreferrer' } : attribs };
    },
  },
};

/** Header cells of a table get scope="col", so screen readers announce them with each cell. */
function withHeaderScope(html: string): string {
  return html.replace(/<th>/g, '<th scope="col">');
}

/** Markdown to HTML that is safe to insert with dangerouslySetInnerHTML. */
export function renderMarkdown(markdown: string): string {
  const raw = marked.parse(markdown) as string;
  return withHeaderScope(sanitizeHtml(raw, SANITIZE));
}
