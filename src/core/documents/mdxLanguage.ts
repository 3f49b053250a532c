// MDX: Markdown's `![alt](path)`, or `<img src=… alt=… />` when the document already writes its
// images as JSX (a site that styles or sizes them that way). Both are found.
import { findImageLinks, retargetEdit } from '../text/imageLinks';
import { altText, asParagraphs, encodeLinkPath } from '../text/markdown';
import type { DocumentLanguage } from './documentLanguage';
import { findImgTags, htmlAltEdit, htmlPath, imgTag } from './htmlLanguage';
import { WEB_FORMATS } from './markdownLanguage';

export function mdxFor(text: string): DocumentLanguage {
  const jsx = /<img\b[^>]*\/>/i.test(text);
  return {
    id: 'mdx',
    label: 'MDX',
    reference: (i) => (jsx ? imgTag(i, ' />') : `![${altText(i.alt)}](${encodeLinkPath(i.path)})`),
    join: asParagraphs,
    find: (t) => [...findImageLinks(t), ...findImgTags(t)].sort((a, b) => a.span.start - b.span.start),
    retarget: (link, p) =>
      link.form === 'html' ? { span: link.targetSpan, text: htmlPath(p) } : retargetEdit(link, encodeLinkPath(p)),
    altEdit: (link, alt, t) =>
      link.form === 'html' ? htmlAltEdit(link, alt, t) : { span: link.altSpan, text: altText(alt) },
    formats: WEB_FORMATS,
    placeholders: true,
  };
}
