/* The one way page scripts talk to the server: JSON over POST with the CSRF token, and a
   rejected promise carrying the server's message (and body) for any error status.
   Loaded before lesson.js and quiz.js, which use window.DropIn.postJSON. */
(function () {
  "use strict";

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function postJSON(url, data, options) {
    return fetch(url, Object.assign({
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": csrfToken()
      },
      body: JSON.stringify(data || {})
    }, options || {})).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) {
          var error = new Error(body.message || response.statusText);
          error.status = response.status;
          error.body = body;
          throw error;
        }
        return body;
      });
    });
  }

  window.DropIn = window.DropIn || {};
  window.DropIn.postJSON = postJSON;
})();
