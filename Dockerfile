# cognito-emu as a CI service container. Every option is an environment variable (COGNITO_EMU_*);
# fixtures are read from /fixtures (mount a file or folder there; the bundled example is the default).
#
#   docker build -t cognito-emu .
#   docker run --rm -p 9229:9229 -v "$PWD/cognito:/fixtures:ro" cognito-emu

# The compiler ships per-platform binaries: build on glibc, then carry only plain JavaScript over.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:24-alpine
WORKDIR /app
ENV NODE_ENV=production \
    COGNITO_EMU_HOST=0.0.0.0 \
    COGNITO_EMU_PORT=9229 \
    COGNITO_EMU_FIXTURES=/fixtures
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY fixtures /fixtures
# /data is where COGNITO_EMU_PERSIST=/data/state.json keeps state; mount a volume to keep it.
RUN mkdir /data && chown node:node /data
USER node
EXPOSE 9229
HEALTHCHECK --interval=2s --timeout=2s --start-period=10s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.COGNITO_EMU_PORT || 9229) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "bin/cognito-emu", "start"]
