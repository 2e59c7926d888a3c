// The API reference at /docs: Swagger UI over the app's OpenAPI schema.
// Signed in, the page carries the login's CSRF token in a meta tag, and "Try it out" sends it
// with the login cookie; otherwise use "Authorize" with a token from `mi-sim users token NAME`.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  var meta = document.querySelector('meta[name="csrf-token"]');
  window.SwaggerUIBundle({
    url: root.getAttribute("data-openapi-url") || "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    requestInterceptor: function (request) {
      var hasBearer = request.headers && request.headers.Authorization;
      if (meta && !hasBearer) {
        request.headers[meta.getAttribute("data-header")] = meta.getAttribute("content");
      }
      return request;
    }
  });
}());
