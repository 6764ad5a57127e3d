import type { IocContainer, IocContainerFactory } from '@tsoa/runtime';
import type { Application, Request } from 'express';
import { contextOf, type RequestContext } from './http/request-context.js';

/** Builds one controller for one request, from that request's context. */
export type ControllerFactory = (context: RequestContext) => object;

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- tsoa identifies controllers by their class
export type ControllerClass = Function;

const FACTORIES = 'controllerFactories';

/**
 * Registers how to build each controller. app.ts calls this with factories that close over the
 * dependencies it was given, so the controllers' services are injected, never imported.
 */
export function provideControllers(app: Application, factories: Map<ControllerClass, ControllerFactory>): void {
  app.locals[FACTORIES] = factories;
}

/**
 * tsoa's `iocModule` (see tsoa.json): the generated routes ask it for a controller per request. It
 * looks the factory up on the express app that serves the request, so two apps (tests) never share
 * state, and hands it the request's context (request id, logger).
 */
export const iocContainer: IocContainerFactory<Request> = (request): IocContainer => ({
  get<T>(controller: ControllerClass): T {
    const factories = request.app.locals[FACTORIES] as Map<ControllerClass, ControllerFactory> | undefined;
    const factory = factories?.get(controller);
    if (!factory || !request.res) throw new Error(`no factory registered for controller ${controller.name}`);
    return factory(contextOf(request.res)) as T;
  },
});
