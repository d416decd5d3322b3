// The tenant page: asks the server who is signed in, then shows either the login form or the tenant's data.
// The session lives in an HttpOnly cookie, so this script never sees it; GET /me answers 401 without one.
"use strict";

(() => {
  const byId = (id) => document.getElementById(id);
  const status = byId("status");
  const login = byId("login");
  const form = byId("login-form");
  const username = byId("username");
  const password = byId("password");
  const loginError = byId("login-error");
  const loginButton = byId("login-button");
  const session = byId("session");
  const userName = byId("user-name");
  const logout = byId("logout");
  const table = byId("data");
  const noData = byId("no-data");
  const dataTitle = byId("data-title");

  const getJson = (path) => fetch(path, { headers: { Accept: "application/json" }, cache: "no-store" });

  function showStatus(text) {
    status.textContent = text;
  }

  function clearData() {
    table.tHead.rows[0].replaceChildren();
    table.tBodies[0].replaceChildren();
    userName.textContent = "";
  }

  function showLogin(focus) {
    clearData();
    session.hidden = true;
    login.hidden = false;
    showStatus("");
    if (focus) {
      username.focus();
    }
  }

  function showLoginError(text) {
    loginError.textContent = text;
    loginError.hidden = false;
    username.setAttribute("aria-invalid", "true");
    password.setAttribute("aria-invalid", "true");
  }

  function clearLoginError() {
    loginError.textContent = "";
    loginError.hidden = true;
    username.removeAttribute("aria-invalid");
    password.removeAttribute("aria-invalid");
  }

  // Cells are set with textContent: a tenant's data is text, never markup.
  function renderRows(rows) {
    const columns = rows.length > 0 ? Object.keys(rows[0]) : [];
    const head = table.tHead.rows[0];
    head.replaceChildren(...columns.map((column) => {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = column;
      return th;
    }));
    table.tBodies[0].replaceChildren(...rows.map((row) => {
      const tr = document.createElement("tr");
      for (const column of columns) {
        const td = document.createElement("td");
        const value = row[column];
        td.textContent = value === null || value === undefined ? "" : String(value);
        tr.append(td);
      }
      return tr;
    }));
    table.hidden = rows.length === 0;
    noData.hidden = rows.length > 0;
  }

  // Shows the session the cookie holds, or the login form when it holds none.
  async function showSession(focus) {
    const me = await getJson("/me");
    if (me.status === 401) {
      showLogin(focus);
      return;
    }
    if (!me.ok) {
      throw new Error(`GET /me: ${me.status}`);
    }
    const { username: name } = await me.json();

    const data = await getJson("/data");
    if (data.status === 401) {
      showLogin(focus);
      return;
    }
    if (!data.ok) {
      throw new Error(`GET /data: ${data.status}`);
    }
    const body = await data.json();

    userName.textContent = name;
    renderRows(body.data ?? []);
    login.hidden = true;
    session.hidden = false;
    showStatus("");
    if (focus) {
      dataTitle.focus();
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearLoginError();
    if (username.value.trim() === "" || password.value === "") {
      showLoginError("Enter your username and password.");
      (username.value.trim() === "" ? username : password).focus();
      return;
    }

    loginButton.disabled = true;
    try {
      // The seed's own form fields, sent as a form, exactly as the page would post them without this script.
      const response = await fetch("/login", {
        method: "POST",
        headers: { Accept: "application/json" },
        body: new URLSearchParams({ uname: username.value.trim(), passwd: password.value }),
      });
      if (response.status === 401) {
        showLoginError("Wrong username or password.");
        password.value = "";
        password.focus();
        return;
      }
      if (!response.ok) {
        showLoginError(`Sign-in failed (${response.status}). Try again.`);
        return;
      }
      password.value = "";
      form.reset();
      await showSession(true);
    } catch {
      showLoginError("The server could not be reached. Check your connection and try again.");
    } finally {
      loginButton.disabled = false;
    }
  });

  logout.addEventListener("click", async () => {
    logout.disabled = true;
    try {
      await fetch("/logout", { method: "POST", headers: { Accept: "application/json" } });
      // 401 means the session was already gone: either way the data must leave the page.
      showLogin(true);
    } catch {
      showStatus("The server could not be reached, so you are still signed in.");
    } finally {
      logout.disabled = false;
    }
  });

  showSession(false).catch(() => showStatus("The workspace could not be loaded. Reload the page to try again."));
})();
