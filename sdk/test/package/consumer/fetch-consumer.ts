/* eslint-disable @nx/enforce-module-boundaries -- a client app: copied outside the repo, compiled against the packed tarball */
// Compiled only: the fetch implementations apps bring type-check as the `fetch` option, strictly.
import { EcommerceClient, type ClientOptions } from '@ecommerce/sdk';
import nodeFetch from 'node-fetch';
import { fetch as undiciFetch } from 'undici';

const baseUrl = 'http://127.0.0.1:8000';
export const viaUndici = new EcommerceClient({ baseUrl, fetch: undiciFetch });
export const viaNodeFetch = new EcommerceClient({ baseUrl, fetch: nodeFetch });
export const viaGlobal: ClientOptions = { baseUrl, fetch: globalThis.fetch };
export const viaWrapper: ClientOptions = { baseUrl, fetch: (url, init) => undiciFetch(url, init) };
