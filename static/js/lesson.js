/* Lesson page behaviour. Everything here is an enhancement: without script, the video
   still plays and the "Mark as done" button still posts a form. */
(function () {
  "use strict";

  var lesson = document.querySelector("[data-lesson]");
  if (!lesson) return;

  var post = window.DropIn.postJSON;

  /* Show the lesson as done: the message, the tick in the outline, the progress bar. */
  var markedDone = lesson.dataset.completed === "true";
  function showCompleted() {
    if (markedDone) return;
    markedDone = true;
    lesson.dataset.completed = "true";
    var form = document.querySelector("[data-complete-form]");
    var done = document.querySelector("[data-complete-done]");
    if (form) form.hidden = true;
    if (done) done.hidden = false;
    var current = document.querySelector(".outline__item.is-current");
    if (current && !current.classList.contains("is-complete")) {
      current.classList.add("is-complete");
      var status = current.querySelector(".status");
      if (status) {
        status.className = "status status--complete";
        status.innerHTML = '<span aria-hidden="true">✓</span><span class="visually-hidden">' +
          lesson.dataset.msgDone + "</span>";
      }
      document.querySelectorAll("[data-progress-bar]").forEach(function (bar) {
        var total = parseInt(bar.dataset.total, 10);
        if (!total) return;
        var doneCount = Math.min(parseInt(bar.dataset.done, 10) + 1, total);
        var percent = Math.round(100 * doneCount / total);
        bar.dataset.done = doneCount;
        bar.setAttribute("aria-valuenow", percent);
        bar.querySelector(".progress__fill").style.width = percent + "%";
        var figure = bar.parentNode.querySelector("[data-progress-figure]");
        if (figure) figure.textContent = figure.textContent.replace(/^\d+/, doneCount);
      });
    }
  }

  /* "Mark as done" without a page reload. */
  var completeForm = document.querySelector("[data-complete-form]");
  if (completeForm) {
    completeForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = completeForm.querySelector("button");
      button.disabled = true;
      post(lesson.dataset.completeUrl, {}).then(showCompleted).catch(function () {
        completeForm.submit(); // fall back to the plain form post
      });
    });
  }

  /* Reflections save in the background; the plain form still works without script. */
  document.querySelectorAll("[data-reflection-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var status = form.querySelector("[data-reflection-status]");
      post(form.action, { answer: form.querySelector("textarea").value }).then(function () {
        status.textContent = lesson.dataset.msgSaved;
      }).catch(function (error) {
        status.textContent = error.message;
      });
    });
  });

  /* YouTube and Vimeo: nothing loads from the provider until the trainee presses play. */
  document.querySelectorAll("[data-embed-facade]").forEach(function (figure) {
    var button = figure.querySelector("[data-embed-play]");
    var template = figure.querySelector("template[data-embed-player]");
    button.addEventListener("click", function () {
      var iframe = template.content.firstElementChild.cloneNode(true);
      button.replaceWith(iframe);
      iframe.focus();
    });
  });

  /* The lesson's own video: resume where the trainee stopped, and report progress. */
  var video = document.querySelector("video[data-tracked-video]");
  if (!video) return;
  var status = video.closest("figure").querySelector("[data-video-status]");
  var resumeAt = parseFloat(lesson.dataset.resumePosition) || 0;
  var lastSent = -1;
  var HEARTBEAT_MS = 5000;
  var timer = null;

  video.addEventListener("loadedmetadata", function () {
    if (resumeAt > 1 && resumeAt < video.duration - 2) {
      video.currentTime = resumeAt;
      if (status) status.textContent = lesson.dataset.msgResume;
    }
  });

  function report(options) {
    if (!isFinite(video.duration) || video.duration <= 0) return Promise.resolve();
    var position = Math.round(video.currentTime * 100) / 100;
    if (position === lastSent && !(options && options.force)) return Promise.resolve();
    lastSent = position;
    return post(lesson.dataset.videoUrl, { position: position, duration: video.duration }, options && options.fetch)
      .then(function (body) {
        lesson.dataset.resumePosition = body.position;
        if (body.completed) showCompleted();
        return body;
      })
      .catch(function () { /* the next heartbeat tries again; nothing is lost meanwhile */ });
  }

  video.addEventListener("play", function () {
    report({ force: true });
    clearInterval(timer);
    timer = setInterval(report, HEARTBEAT_MS);
  });
  video.addEventListener("pause", function () { clearInterval(timer); report(); });
  video.addEventListener("ended", function () { clearInterval(timer); report({ force: true }); });
  video.addEventListener("seeked", function () { if (video.paused) report(); });
  /* Closing the tab: keepalive lets the last report finish after the page is gone. */
  window.addEventListener("pagehide", function () { report({ fetch: { keepalive: true } }); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") report({ fetch: { keepalive: true } });
  });
})();
