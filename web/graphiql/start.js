// Starts GraphiQL (the bundle beside this file, served by this server) with the options the page
// carries as JSON: a separate file rather than an inline script, so the page's CSP allows no
// inline script at all.
(function () {
  var options = JSON.parse(document.getElementById('graphiql-options').textContent);
  var root = document.getElementById('root');
  root.textContent = '';
  window.YogaGraphiQL.renderYogaGraphiQL(root, options);
})();
