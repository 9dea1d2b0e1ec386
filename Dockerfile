# One image for both processes; docker-compose.yml runs it twice (api, web).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/build ./build
COPY --from=build /app/curriculum ./curriculum
# The web app's server (security headers, cross-site check); plain JavaScript, no build step.
COPY --from=build /app/web/server ./web/server
USER node
EXPOSE 3000 4000
CMD ["node", "dist/api/main.js"]
