// The central page: checks that a workspace exists, then sends the browser to its own address (its primary custom domain, if it has one).
"use strict";

(() => {
  const form = document.getElementById("go-form");
  const slug = document.getElementById("slug");
  const error = document.getElementById("go-error");
  const button = document.getElementById("go-button");

  function showError(text) {
    error.textContent = text;
    error.hidden = false;
    slug.setAttribute("aria-invalid", "true");
    slug.focus();
  }

  function clearError() {
    error.textContent = "";
    error.hidden = true;
    slug.removeAttribute("aria-invalid");
  }

  slug.addEventListener("input", clearError);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError();
    // Addresses are case-insensitive; the server's rules take the lowercase form.
    const name = slug.value.trim().toLowerCase();
    if (name === "") {
      showError("Enter your workspace's name.");
      return;
    }

    button.disabled = true;
    try {
      const response = await fetch(`/api/workspaces/${encodeURIComponent(name)}`, {
        headers: { Accept: "application/json" },
        cache: "no-store",
      });
      if (response.ok) {
        const workspace = await response.json();
        // A workspace with a custom domain lives at its primary domain, on this page's port if it shows one;
        // otherwise one label in front of the server name, which serves this page.
        const port = window.location.port ? `:${window.location.port}` : "";
        const host = workspace.domain ? `${workspace.domain}${port}` : `${workspace.slug}.${window.location.host}`;
        window.location.assign(`${window.location.protocol}//${host}/`);
        return;
      }
      if (response.status === 404) {
        showError(`There is no workspace called “${name}”. Check the name and try again.`);
      } else if (response.status === 400) {
        showError("A workspace name uses only letters, digits and hyphens, and does not start or end with a hyphen.");
      } else {
        showError(`The workspace could not be looked up (${response.status}). Try again.`);
      }
    } catch {
      showError("The server could not be reached. Check your connection and try again.");
    } finally {
      button.disabled = false;
    }
  });
})();
