# One Dockerfile for the platform's three deployables; choose one with --target:
#
#   docker build --target product-service -t ecommerce-product-service .
#   docker build --target order-service   -t ecommerce-order-service .
#   docker build --target api-gateway     -t ecommerce-api-gateway .
#
# docker-compose.yml builds all three from here. The workspace is built once (stage `build`) and
# the production dependencies are installed once (stage `prod-deps`); each app stage only adds its
# bundle, its bind address and port, and its HEALTHCHECK. Only classic-builder syntax is used
# (no RUN --mount, COPY --link or heredocs): docker-compose 1.29 may build without BuildKit.
#
# Invariants, checked by `nx test deploy` (deploy/test/dockerfile-checks.ts): every app stage runs as
# a non-root user, has a HEALTHCHECK, binds 0.0.0.0 through its *_HOST variable, and ships no dev
# dependency (node_modules only from `prod-deps`, only dist/ from `build`).

ARG NODE_VERSION=20

# ---- build: the whole workspace with dev dependencies -> dist/apps/<app>/main.js ------------------
# The full (non-slim) image has python3, make and g++ in case a native module has to be compiled.
FROM node:${NODE_VERSION}-bookworm AS build
WORKDIR /workspace
ENV NX_DAEMON=false NX_NO_CLOUD=true
COPY package.json package-lock.json ./
COPY sdk/package.json sdk/
RUN npm ci --no-audit --no-fund
COPY . .
# Runs the code generators first (contracts: buf + ts-proto; api-gateway: tsoa), then esbuild.
RUN npx nx run-many -t build -p product-service order-service api-gateway --output-style=static

# ---- prod-deps: production dependencies only, native modules (better-sqlite3) built here ----------
# Same Debian release and Node major as the runtime image, so the compiled module loads there.
# --workspaces=false: the SDK workspace is a client library that no server needs.
FROM node:${NODE_VERSION}-bookworm AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY sdk/package.json sdk/
RUN npm ci --omit=dev --workspaces=false --no-audit --no-fund && npm cache clean --force

# ---- runtime: what every app image shares -------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# /data is created owned by the runtime user: Docker copies a mount point's ownership into a fresh
# named volume, so the volume the services keep their SQLite files in is writable without root.
RUN mkdir -p /data && chown 1000:1000 /data
COPY --from=prod-deps /app/node_modules ./node_modules
COPY deploy/probes ./probes
# uid 1000 is the base image's unprivileged `node` user; numeric so that runtimes enforcing
# "run as non-root" (Kubernetes runAsNonRoot) can verify it. Application files stay root-owned.
USER 1000:1000

# ---- product-service (gRPC :50051) -------------------------------------------------------------
FROM runtime AS product-service
ENV PRODUCT_SERVICE_HOST=0.0.0.0 PRODUCT_SERVICE_PORT=50051 DATA_DIR=/data
# dist/ holds the bundle and proto/ beside it (gRPC reflection, docs/telemetry.md).
COPY --from=build /workspace/dist/apps/product-service ./dist
EXPOSE 50051 9464
HEALTHCHECK --interval=5s --timeout=4s --start-period=30s --retries=3 \
  CMD node probes/grpc-health.mjs "127.0.0.1:${PRODUCT_SERVICE_PORT}"
CMD ["node", "--enable-source-maps", "dist/main.js"]

# ---- order-service (gRPC :50052) ---------------------------------------------------------------
FROM runtime AS order-service
ENV ORDER_SERVICE_HOST=0.0.0.0 ORDER_SERVICE_PORT=50052 DATA_DIR=/data
COPY --from=build /workspace/dist/apps/order-service ./dist
EXPOSE 50052 9465
HEALTHCHECK --interval=5s --timeout=4s --start-period=30s --retries=3 \
  CMD node probes/grpc-health.mjs "127.0.0.1:${ORDER_SERVICE_PORT}"
CMD ["node", "--enable-source-maps", "dist/main.js"]

# ---- api-gateway (REST :8000); healthy = /readyz, i.e. both upstream services SERVING ----------
FROM runtime AS api-gateway
ENV GATEWAY_HOST=0.0.0.0 GATEWAY_PORT=8000
COPY --from=build /workspace/dist/apps/api-gateway ./dist
EXPOSE 8000
HEALTHCHECK --interval=5s --timeout=4s --start-period=30s --retries=3 \
  CMD node probes/http-ready.mjs "http://127.0.0.1:${GATEWAY_PORT}/readyz"
CMD ["node", "--enable-source-maps", "dist/main.js"]
