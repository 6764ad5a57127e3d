/**
 * Items per page: an integer from 1 to 100; 20 when absent.
 * @isInt must be an integer from 1 to 100
 * @minimum 1 must be an integer from 1 to 100
 * @maximum 100 must be an integer from 1 to 100
 * @example 20
 */
export type PageSize = number;

/**
 * Opaque token from a previous page's `next_page_token`; absent for the first page.
 * A token from another list, or one that was altered, is rejected with 400. (No example on
 * purpose: Swagger UI would fill it in and "Try it out" would start on a later page.)
 */
export type PageToken = string;
