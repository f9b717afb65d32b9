import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import type { ApiGroup } from '../../pages/api/ApiPage';
import { openApiDocument } from './api/openapi';

/**
 * The OpenAPI document (/_sim/openapi.json) and Swagger UI (/_sim/docs/),
 * served from the swagger-ui-dist package: no CDN, so the docs work on a
 * machine without internet. Not behind authentication: the document holds no
 * data, and Swagger UI asks for the Basic credentials itself ("Authorize").
 */
export function docsRoutes(groups: ApiGroup[]): Router {
  const router = express.Router();
  const document = JSON.stringify(openApiDocument(groups));
  router.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(document);
  });
  const dist = swaggerUiDir();
  const index = fs
    .readFileSync(path.join(dist, 'index.html'), 'utf8')
    .replace(/<title>[^<]*<\/title>/, '<title>empire-sim API</title>');
  const initializer = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '../openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
};
`;
  // `/_sim/docs` → `/_sim/docs/`, so the page's relative asset URLs resolve inside the folder.
  router.get('/docs', (req, res, next) => {
    if (req.originalUrl.split('?')[0].endsWith('/')) return next();
    res.redirect(301, `${req.baseUrl}/docs/`);
  });
  router.get('/docs/', (_req, res) => {
    res.type('html').send(index);
  });
  router.get('/docs/swagger-initializer.js', (_req, res) => {
    res.type('application/javascript').send(initializer);
  });
  router.use('/docs', express.static(dist, { index: false }));
  return router;
}

function swaggerUiDir(): string {
  return path.dirname(require.resolve('swagger-ui-dist/package.json'));
}
