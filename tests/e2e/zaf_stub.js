// A stand-in for Zendesk's ZAF SDK v2, for tests only. ZAFClient.init() gives a client that answers get,
// metadata, invoke and on from window.__zaf (set by the test before the page loads), records every call,
// and sends request() through window.__zafProxy: a Playwright binding where the test plays Zendesk's
// proxy server (it fills in {{setting.api_key}} only when secure is true, as Zendesk does).
(function () {
  var zaf = window.__zaf;
  var handlers = {};
  zaf.gets = [];
  zaf.requests = [];
  zaf.invoked = [];
  var client = {
    get: function (paths) {
      var list = Array.isArray(paths) ? paths : [paths];
      zaf.gets.push(list);
      var out = {};
      list.forEach(function (path) { out[path] = zaf.data[path]; });
      return Promise.resolve(out);
    },
    metadata: function () {
      return Promise.resolve({ appId: 0, installationId: 1, settings: zaf.settings });
    },
    invoke: function () {
      zaf.invoked.push(Array.prototype.slice.call(arguments));
      return Promise.resolve({});
    },
    on: function (name, fn) {
      (handlers[name] = handlers[name] || []).push(fn);
      if (name === "app.registered") setTimeout(function () { fn({ metadata: {} }); }, 0);
    },
    request: function (options) {
      zaf.requests.push(JSON.parse(JSON.stringify(options)));
      return window.__zafProxy(options).then(function (res) {
        var json = null;
        try { json = JSON.parse(res.body); } catch (e) { /* not JSON */ }
        if (res.status >= 200 && res.status < 300) return options.dataType === "json" ? json : res.body;
        throw { status: res.status, statusText: res.reason, responseText: res.body, responseJSON: json };
      });
    },
  };
  window.__zafTrigger = function (name, data) {
    (handlers[name] || []).forEach(function (fn) { fn(data); });
  };
  window.ZAFClient = { init: function () { return client; } };
})();
