// The API reference page: Swagger UI (the swagger-ui-dist npm package, served from this server,
// never from a CDN) reading the server's own OpenAPI document. A plain script, not a module: the
// bundle defines a global.
/* global SwaggerUIBundle */
window.addEventListener('DOMContentLoaded', () => {
  SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    // Links to an operation (#/stories/listStories) open it.
    deepLinking: true,
    // Nothing leaves the server: no validator badge fetched from elsewhere.
    validatorUrl: null,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    tryItOutEnabled: false,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
