/**
 * Tag colours with enough contrast for WCAG AA (a custom colour makes Ant Design draw white text
 * on it; its preset light greens and golds are too pale for small text).
 */
export const GOOD = '#237804';
export const HIGHLIGHT = '#874d00';
export const INFO = '#0958d9';
export const DANGER = '#a8071a';
