// CloudFront Function (cloudfront-js-2.0, viewer request) on the site's default behaviour.
// Astro builds every page as a directory (`/articles/x/index.html`, trailingSlash 'always'), but S3 behind Origin
// Access Control has no directory indexes: `/articles/x/` would be a missing key, i.e. a 403.
//   /articles/x/     -> fetch /articles/x/index.html (same URL for the reader)
//   /articles/x      -> 301 to /articles/x/ with the query string kept (UTM attribution survives the redirect)
//   /_astro/app.js   -> unchanged (the last segment has a dot: it is a file)
// Query-string values are passed on as CloudFront delivers them (still percent-encoded), so they are not re-encoded.
// A redirect never names another host: browsers read a Location starting with `//` (or `/\`, which they treat the
// same) as scheme-relative, so `//evil.example/x` must not become `//evil.example/x/`. Browsers also drop tab, CR
// and LF anywhere in a URL, so `/<tab>/evil.example/x` reads as `//evil.example/x`: those characters are removed
// first, then leading slashes and backslashes collapse into one slash.
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.charAt(uri.length - 1) === '/') {
    request.uri = uri + 'index.html';
    return request;
  }
  var lastSegment = uri.substring(uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') !== -1) {
    return request;
  }
  return {
    statusCode: 301,
    statusDescription: 'Moved Permanently',
    headers: { location: { value: sameHostPath(uri) + '/' + querySuffix(request.querystring) } },
  };
}

function sameHostPath(uri) {
  return '/' + uri.replace(/[\t\r\n]/g, '').replace(/^[\/\\]+/, '');
}

function querySuffix(querystring) {
  var pairs = [];
  for (var name in querystring) {
    var parameter = querystring[name];
    var values = parameter.multiValue ? parameter.multiValue : [parameter];
    for (var i = 0; i < values.length; i++) {
      pairs.push(values[i].value === '' ? name : name + '=' + values[i].value);
    }
  }
  return pairs.length === 0 ? '' : '?' + pairs.join('&');
}
