// Markdown (and notebooks' Markdown cells): `![alt](path)`, read by micromark as the preview reads it.
import { findImageLinks, retargetEdit } from '../text/imageLinks';
import { altText, asParagraphs, encodeLinkPath } from '../text/markdown';
import type { DocumentLanguage } from './documentLanguage';

export const WEB_FORMATS = ['png', 'jpg', 'webp', 'gif', 'avif'] as const;

export const MARKDOWN: DocumentLanguage = {
  id: 'markdown',
  label: 'Markdown',
  reference: (i) => `![${altText(i.alt)}](${encodeLinkPath(i.path)})`,
  join: asParagraphs,
  find: findImageLinks,
  retarget: (link, path) => retargetEdit(link, encodeLinkPath(path)),
  altEdit: (link, alt) => ({ span: link.altSpan, text: altText(alt) }),
  formats: WEB_FORMATS,
  placeholders: true,
};

/**
 * A README is Markdown shown by more renderers than a browser: GitHub shows AVIF, but package
 * registries' and older viewers' do not all, so an AVIF asked for is saved as PNG (JPEG as JPEG).
 */
export const README: DocumentLanguage = { ...MARKDOWN, label: 'README', formats: ['png', 'jpg', 'webp', 'gif'] };
