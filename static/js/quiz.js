/* Quiz page behaviour. Everything here is an enhancement: without script, the quiz is one plain
   form whose buttons save, check and submit it. This file knows nothing about right answers:
   feedback comes from the server, and only for a question the trainee has checked. */
(function () {
  "use strict";

  var form = document.querySelector("[data-quiz-form]");
  if (!form || form.dataset.preview === "true" || !window.fetch) return;

  var status = form.querySelector("[data-save-status]");
  var unanswered = form.querySelector("[data-unanswered]");

  var post = window.DropIn.postJSON;

  function say(text) {
    if (status) status.textContent = text;
  }

  function showUnanswered(body) {
    if (unanswered && body && body.unanswered_message) unanswered.textContent = body.unanswered_message;
  }

  function choicesOf(section) {
    var picked = [];
    section.querySelectorAll("input[name^='q-']").forEach(function (input) {
      if (input.checked) picked.push(input.value);
    });
    return picked;
  }

  /* A stale tab: the attempt was submitted elsewhere. Go to its result rather than keep editing. */
  function handleClosed(error) {
    if (error.status === 409 && error.body && error.body.result_url) {
      window.location.assign(error.body.result_url);
      return true;
    }
    return false;
  }

  /* Saves run one after another, so a quick change of mind is saved last, as it was made. */
  var queue = Promise.resolve();

  function save(section) {
    var payload = { question: section.dataset.question, choices: choicesOf(section) };
    say(form.dataset.msgSaving);
    queue = queue.then(function () {
      return post(form.dataset.saveUrl, payload, { keepalive: true }).then(function (body) {
        say(form.dataset.msgSaved);
        showUnanswered(body);
      }).catch(function (error) {
        if (!handleClosed(error)) say(error.status ? error.message : form.dataset.msgFailed);
      });
    });
    return queue;
  }

  form.addEventListener("change", function (event) {
    var section = event.target.closest("[data-question]");
    if (section && event.target.name && event.target.name.indexOf("q-") === 0) save(section);
  });

  /* "Check answer": the server records the answer, fixes it, and sends that question's feedback. */
  form.querySelectorAll("[data-check-button]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var section = button.closest("[data-question]");
      var feedback = section.querySelector("[data-feedback]");
      var payload = { question: section.dataset.question, choices: choicesOf(section) };
      button.disabled = true;
      queue = queue.then(function () {
        return post(form.dataset.checkUrl, payload).then(function (body) {
          feedback.innerHTML = body.html; // rendered and escaped by the server's template
          section.classList.add("question--checked");
          section.querySelectorAll("input[name^='q-']").forEach(function (input) { input.disabled = true; });
          button.hidden = true;
          showUnanswered(body);
        }).catch(function (error) {
          button.disabled = false;
          if (handleClosed(error)) return;
          feedback.textContent = error.status ? error.message : form.dataset.msgFailed;
        });
      });
    });
  });

  /* Submitting: wait for any save in flight, then send the form as it is. */
  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (!submitter || !submitter.hasAttribute("data-submit-button") || form.dataset.submitting) return;
    event.preventDefault();
    form.dataset.submitting = "true";
    submitter.disabled = true;
    queue.then(function () { form.submit(); });
  });
})();
