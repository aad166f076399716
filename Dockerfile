# syntax=docker/dockerfile:1
# One image definition for all six services; the app is chosen with the APP build arg
# (docker-compose.yml sets it per service) or at run time with `-e APP=<name>`.
#   docker build --build-arg APP=members -t loyalty-members .
# Apps: gateway | members | points | segments | feedback

# ---- build: full install + TypeScript compile + the web console (Vite) --------------------
FROM node:20-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm run console:build

# ---- prod-deps: runtime dependencies only -------------------------------------------------
FROM node:20-alpine AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# ---- runtime -------------------------------------------------------------------------------
FROM node:20-alpine AS runtime
ARG APP=gateway
ENV NODE_ENV=production \
    APP=${APP} \
    # tsconfig-paths reads the "paths" of tsconfig.json; point its baseUrl at the compiled output
    TS_NODE_BASEURL=./dist \
    # the gateway serves the web console from here (other services ignore it)
    CONSOLE_DIR=/app/dist/console
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json tsconfig*.json ./
USER node
# exec: node replaces the shell, so it receives SIGTERM from `docker stop` (compose adds tini via init: true)
CMD ["sh", "-c", "exec node -r tsconfig-paths/register dist/apps/${APP}/src/main.js"]
