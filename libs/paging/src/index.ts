export { PageTokens, pageTokensFrom } from './page-token.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, parsePageRequest, type PageRequest, type PageViolation } from './page-request.js';
