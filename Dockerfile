# One image for every Lianjian service; SERVICE picks the entry point (organizations | members | projects | gateway).
# The gateway is Hive Router (docs/adr/0019) with the project's limits plugin: the crate in tools/router/lianjian-router
# (hive-router pinned, its Cargo.lock used as is), built exactly as tools/router/hive-router.sh builds it on a
# developer's machine; `node dist/apps/gateway/src/main.js` writes its configuration and runs it.
FROM rust:1.95-bookworm AS router
ARG HIVE_ROUTER_VERSION=0.2.19
RUN apt-get update && apt-get install -y --no-install-recommends cmake clang && rm -rf /var/lib/apt/lists/*
COPY tools/router/lianjian-router /src/lianjian-router
RUN grep -q "hive-router = { version = \"=${HIVE_ROUTER_VERSION}\"" /src/lianjian-router/Cargo.toml \
  && cargo install --locked --path /src/lianjian-router --root /opt/hive-router \
  && strip /opt/hive-router/bin/hive_router

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY tools/install-deps.sh tools/install-deps.sh
RUN bash tools/install-deps.sh
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
# the Chinese font transfer letters are printed with (members: MEMBERS_LETTER_FONT defaults to its path, ADR 0023)
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-microhei && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=router /opt/hive-router/bin/hive_router /usr/local/bin/hive_router
ENV HIVE_ROUTER_BIN=/usr/local/bin/hive_router
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./
USER node
ARG SERVICE=organizations
ENV SERVICE=${SERVICE}
CMD ["sh", "-c", "exec node dist/apps/${SERVICE}/src/main.js"]
