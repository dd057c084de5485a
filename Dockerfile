# syntax=docker/dockerfile:1
# Multi-stage: build with dev dependencies, run with production ones only, as a non-root user.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY bench ./bench
COPY operations ./operations
RUN npm run build

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=4001
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=optional: the image brings its own Node 24, so not the node-linux-* package that provides it on a machine.
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund && npm cache clean --force
# Only what runs: the server and the example operations its landing page preloads (not dist/scripts or dist/bench).
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/operations ./dist/operations
USER node
EXPOSE 4001
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4001) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--max-semi-space-size=16", "dist/src/main.js"]
