/*! Stronger Safer Gloucester chat widget 0.1.0 (MIT licence). Built from widget/ with "make widget"; do not edit. Includes GOV.UK Frontend 6.6.0 (MIT licence, (c) Crown copyright): https://github.com/alphagov/govuk-frontend */
(() => {
  // src/conversation.js
  var SEND_TIMEOUT_MS = 4e4;
  var GENERIC_ERROR = "Something went wrong. Please try again.";
  var NETWORK_ERRORS = {
    offline: "No connection. Check your internet connection, then try again.",
    notAllowed: "This page isn't allowed to use the chat service, so the chat cannot work here. Please tell the owner of this website.",
    unreachable: "We could not reach the chat service. Check your connection, then try again."
  };
  var FETCH_OPTIONS = { credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer" };
  async function diagnose(url) {
    if (navigator.onLine === false) return "offline";
    try {
      await fetch(url, { ...FETCH_OPTIONS, mode: "no-cors" });
    } catch (e) {
      return "unreachable";
    }
    return new URL(url, document.baseURI).origin === window.location.origin ? "unreachable" : "notAllowed";
  }
  function newConversationId() {
    const bytes = new Uint8Array(24);
    crypto.getRandomValues(bytes);
    let binary = "";
    bytes.forEach((b) => {
      binary += String.fromCharCode(b);
    });
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  var ChatApi = class {
    constructor(chatUrl, forgetUrl, probeUrl) {
      this.chatUrl = chatUrl;
      this.forgetUrl = forgetUrl;
      this.probeUrl = probeUrl;
    }
    /**
     * Sends one message. Resolves to {ok: true, messages} or
     * {ok: false, status, error, retryable}; never rejects.
     */
    async send(conversationId, message) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), SEND_TIMEOUT_MS);
      try {
        const response = await fetch(this.chatUrl, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify({ conversation_id: conversationId, message }),
          // No cookies (the host page may have some), no cache, no referrer.
          credentials: "omit",
          cache: "no-store",
          referrerPolicy: "no-referrer",
          signal: controller.signal
        });
        let data = null;
        try {
          data = await response.json();
        } catch (e) {
          data = null;
        }
        if (response.ok && data && Array.isArray(data.messages)) {
          return { ok: true, messages: data.messages, language: data.language, dir: data.dir };
        }
        const error = data && typeof data.error === "string" ? data.error : GENERIC_ERROR;
        const retryable = response.status === 429 || response.status >= 500;
        return { ok: false, status: response.status, error, retryable };
      } catch (e) {
        clearTimeout(timer);
        const cause = await diagnose(this.probeUrl);
        return { ok: false, status: 0, cause, error: NETWORK_ERRORS[cause], retryable: cause !== "notAllowed" };
      } finally {
        clearTimeout(timer);
      }
    }
    /**
     * Asks the server to delete a conversation. Uses sendBeacon, which survives the page being
     * replaced (quick exit) or closed; falls back to a keepalive fetch.
     */
    forget(conversationId) {
      const body = JSON.stringify({ conversation_id: conversationId });
      let queued = false;
      try {
        queued = typeof navigator.sendBeacon === "function" && navigator.sendBeacon(this.forgetUrl, body);
      } catch (e) {
        queued = false;
      }
      if (!queued) {
        try {
          fetch(this.forgetUrl, {
            method: "POST",
            body,
            keepalive: true,
            credentials: "omit",
            cache: "no-store",
            referrerPolicy: "no-referrer",
            headers: { "Content-Type": "text/plain" }
          }).catch(() => {
          });
        } catch (e) {
        }
      }
    }
  };

  // node_modules/govuk-frontend/dist/govuk/common/index.mjs
  function isInitialised($root, moduleName) {
    return $root instanceof HTMLElement && $root.hasAttribute(`data-${moduleName}-init`);
  }
  function isSupported($scope = document.body) {
    if (!$scope) {
      return false;
    }
    return $scope.classList.contains("govuk-frontend-supported");
  }
  function isArray(option) {
    return Array.isArray(option);
  }
  function isObject(option) {
    return !!option && typeof option === "object" && !isArray(option);
  }
  function isScope($scope) {
    return !!$scope && ($scope instanceof Element || $scope instanceof Document);
  }
  function formatErrorMessage(Component2, message) {
    return `${Component2.moduleName}: ${message}`;
  }

  // node_modules/govuk-frontend/dist/govuk/errors/index.mjs
  var GOVUKFrontendError = class extends Error {
    constructor(...args) {
      super(...args);
      this.name = "GOVUKFrontendError";
    }
  };
  var SupportError = class extends GOVUKFrontendError {
    /**
     * Checks if GOV.UK Frontend is supported on this page
     *
     * @param {Element | Document | null | string} [scopeOrMessage] - HTML element `<body>` checked for browser support or support error message
     */
    constructor(scopeOrMessage = document.body) {
      let supportMessage = "noModule" in HTMLScriptElement.prototype ? 'GOV.UK Frontend initialised without `<body class="govuk-frontend-supported">` from template `<script>` snippet' : "GOV.UK Frontend is not supported in this browser";
      if (!isScope(scopeOrMessage)) {
        supportMessage = 'GOV.UK Frontend initialised without `<script type="module">`';
      }
      super(typeof scopeOrMessage === "string" ? scopeOrMessage : supportMessage);
      this.name = "SupportError";
    }
  };
  var ConfigError = class extends GOVUKFrontendError {
    constructor(...args) {
      super(...args);
      this.name = "ConfigError";
    }
  };
  var ElementError = class extends GOVUKFrontendError {
    constructor(messageOrOptions) {
      let message = typeof messageOrOptions === "string" ? messageOrOptions : "";
      if (isObject(messageOrOptions)) {
        const {
          component,
          identifier,
          element,
          expectedType
        } = messageOrOptions;
        message = identifier;
        message += element ? ` is not of type ${expectedType != null ? expectedType : "HTMLElement"}` : " not found";
        if (component) {
          message = formatErrorMessage(component, message);
        }
      }
      super(message);
      this.name = "ElementError";
    }
  };
  var InitError = class extends GOVUKFrontendError {
    constructor(componentOrMessage) {
      const message = typeof componentOrMessage === "string" ? componentOrMessage : formatErrorMessage(componentOrMessage, `Root element (\`$root\`) already initialised`);
      super(message);
      this.name = "InitError";
    }
  };

  // node_modules/govuk-frontend/dist/govuk/component.mjs
  var _self = typeof globalThis !== "undefined" ? globalThis : self;
  var Component = class {
    /**
     * Returns the root element of the component
     *
     * @protected
     * @returns {RootElementType} - the root element of component
     */
    get $root() {
      return this._$root;
    }
    constructor($root) {
      this._$root = void 0;
      const childConstructor = this.constructor;
      if (typeof childConstructor.moduleName !== "string") {
        throw new InitError(`\`moduleName\` not defined in component`);
      }
      if (!($root instanceof childConstructor.elementType)) {
        throw new ElementError({
          element: $root,
          component: childConstructor,
          identifier: "Root element (`$root`)",
          expectedType: childConstructor.elementType.name
        });
      } else {
        this._$root = $root;
      }
      childConstructor.checkSupport();
      this.checkInitialised();
      const moduleName = childConstructor.moduleName;
      this.$root.setAttribute(`data-${moduleName}-init`, "");
    }
    checkInitialised() {
      const constructor = this.constructor;
      const moduleName = constructor.moduleName;
      if (moduleName && isInitialised(this.$root, moduleName)) {
        throw new InitError(constructor);
      }
    }
    static checkSupport() {
      if (!isSupported()) {
        throw new SupportError();
      }
    }
  };
  Component.elementType = _self.HTMLElement;

  // node_modules/govuk-frontend/dist/govuk/common/configuration.mjs
  var configOverride = /* @__PURE__ */ Symbol.for("configOverride");
  var ConfigurableComponent = class extends Component {
    [configOverride](param) {
      return {};
    }
    /**
     * Returns the root element of the component
     *
     * @protected
     * @returns {ConfigurationType} - the root element of component
     */
    get config() {
      return this._config;
    }
    constructor($root, config) {
      super($root);
      this._config = void 0;
      const childConstructor = this.constructor;
      if (!isObject(childConstructor.defaults)) {
        throw new ConfigError(formatErrorMessage(childConstructor, "Config passed as parameter into constructor but no defaults defined"));
      }
      const datasetConfig = normaliseDataset(childConstructor, this._$root.dataset);
      this._config = mergeConfigs(childConstructor.defaults, config != null ? config : {});
      this._config = mergeConfigs(this._config, this[configOverride](datasetConfig), datasetConfig);
    }
  };
  function normaliseString(value, property) {
    if (property != null && property.type && !["string", "number", "boolean"].includes(property.type)) {
      return;
    }
    const trimmedValue = value ? value.trim() : "";
    let output;
    let outputType = property == null ? void 0 : property.type;
    if (!outputType) {
      if (["true", "false"].includes(trimmedValue)) {
        outputType = "boolean";
      }
      if (trimmedValue.length > 0 && isFinite(Number(trimmedValue))) {
        outputType = "number";
      }
    }
    switch (outputType) {
      case "boolean":
        output = trimmedValue === "true";
        break;
      case "number":
        output = Number(trimmedValue);
        break;
      default:
        output = value;
    }
    return output;
  }
  function normaliseDataset(Component2, dataset) {
    if (!isObject(Component2.schema)) {
      throw new ConfigError(formatErrorMessage(Component2, "Config passed as parameter into constructor but no schema defined"));
    }
    const out = {};
    const entries = Object.entries(Component2.schema.properties);
    for (const entry of entries) {
      const [namespace, property] = entry;
      const field = namespace.toString();
      if (field in dataset) {
        out[field] = normaliseString(dataset[field], property);
      }
      if ((property == null ? void 0 : property.type) === "object") {
        out[field] = extractConfigByNamespace(Component2.schema, dataset, namespace);
      }
    }
    return out;
  }
  function mergeConfigs(...configObjects) {
    const formattedConfigObject = {};
    for (const configObject of configObjects) {
      for (const key of Object.keys(configObject)) {
        const option = formattedConfigObject[key];
        const override = configObject[key];
        if (isObject(option) && isObject(override)) {
          formattedConfigObject[key] = mergeConfigs(option, override);
        } else {
          formattedConfigObject[key] = override;
        }
      }
    }
    return formattedConfigObject;
  }
  function extractConfigByNamespace(schema, dataset, namespace) {
    const property = schema.properties[namespace];
    if ((property == null ? void 0 : property.type) !== "object") {
      return;
    }
    const newObject = {
      [namespace]: {}
    };
    for (const [key, value] of Object.entries(dataset)) {
      let current = newObject;
      const keyParts = key.split(".");
      for (const [index, name] of keyParts.entries()) {
        if (isObject(current)) {
          if (index < keyParts.length - 1) {
            if (!isObject(current[name])) {
              current[name] = {};
            }
            current = current[name];
          } else if (key !== namespace) {
            current[name] = normaliseString(value);
          }
        }
      }
    }
    return newObject[namespace];
  }

  // node_modules/govuk-frontend/dist/govuk/components/button/button.mjs
  var DEBOUNCE_TIMEOUT_IN_SECONDS = 1;
  /**
   * JavaScript enhancements for the Button component
   *
   * @preserve
   * @augments ConfigurableComponent<ButtonConfig>
   */
  var Button = class extends ConfigurableComponent {
    /**
     * @param {Element | null} $root - HTML element to use for button
     * @param {ButtonConfig} [config] - Button config
     */
    constructor($root, config = {}) {
      super($root, config);
      this.debounceFormSubmitTimer = null;
      this.$root.addEventListener("keydown", (event) => this.handleKeyDown(event));
      this.$root.addEventListener("click", (event) => this.debounce(event));
    }
    handleKeyDown(event) {
      const $target = event.target;
      if (event.key !== " ") {
        return;
      }
      if ($target instanceof HTMLElement && $target.getAttribute("role") === "button") {
        event.preventDefault();
        $target.click();
      }
    }
    debounce(event) {
      if (!this.config.preventDoubleClick) {
        return;
      }
      if (this.debounceFormSubmitTimer) {
        event.preventDefault();
        return false;
      }
      this.debounceFormSubmitTimer = window.setTimeout(() => {
        this.debounceFormSubmitTimer = null;
      }, DEBOUNCE_TIMEOUT_IN_SECONDS * 1e3);
    }
  };
  Button.moduleName = "govuk-button";
  Button.defaults = Object.freeze({
    preventDoubleClick: false
  });
  Button.schema = Object.freeze({
    properties: {
      preventDoubleClick: {
        type: "boolean"
      }
    }
  });

  // node_modules/govuk-frontend/dist/govuk/common/create-element.mjs
  function createElement(tagName, attributes = {}, children = []) {
    const $element = document.createElement(tagName);
    Object.entries(attributes).forEach(([name, value]) => {
      $element.setAttribute(name, value);
    });
    for (const child of children) {
      $element.append(child);
    }
    return $element;
  }

  // node_modules/govuk-frontend/dist/govuk/i18n.mjs
  var I18n = class {
    constructor(translations = {}, config = {}) {
      var _config$locale;
      this.translations = void 0;
      this.locale = void 0;
      this.translations = translations;
      this.locale = (_config$locale = config.locale) != null ? _config$locale : document.documentElement.lang || "en";
    }
    t(lookupKey, options) {
      if (!lookupKey) {
        throw new Error("i18n: lookup key missing");
      }
      let translation = this.translations[lookupKey];
      if (typeof (options == null ? void 0 : options.count) === "number" && isObject(translation)) {
        const translationPluralForm = translation[this.getPluralSuffix(lookupKey, options.count)];
        if (translationPluralForm) {
          translation = translationPluralForm;
        }
      }
      if (typeof translation === "string") {
        if (translation.match(/%{(.\S+)}/)) {
          if (!options) {
            throw new Error("i18n: cannot replace placeholders in string if no option data provided");
          }
          return this.replacePlaceholders(translation, options);
        }
        return translation;
      }
      return lookupKey;
    }
    replacePlaceholders(translationString, options) {
      const formatter = Intl.NumberFormat.supportedLocalesOf(this.locale).length ? new Intl.NumberFormat(this.locale) : void 0;
      return translationString.replace(/%{(.\S+)}/g, function(placeholderWithBraces, placeholderKey) {
        if (Object.prototype.hasOwnProperty.call(options, placeholderKey)) {
          const placeholderValue = options[placeholderKey];
          if (placeholderValue === false || typeof placeholderValue !== "number" && typeof placeholderValue !== "string") {
            return "";
          }
          if (typeof placeholderValue === "number") {
            return formatter ? formatter.format(placeholderValue) : `${placeholderValue}`;
          }
          return placeholderValue;
        }
        throw new Error(`i18n: no data found to replace ${placeholderWithBraces} placeholder in string`);
      });
    }
    hasIntlPluralRulesSupport() {
      return Boolean("PluralRules" in window.Intl && Intl.PluralRules.supportedLocalesOf(this.locale).length);
    }
    getPluralSuffix(lookupKey, count) {
      count = Number(count);
      if (!isFinite(count)) {
        return "other";
      }
      const translation = this.translations[lookupKey];
      const preferredForm = this.hasIntlPluralRulesSupport() ? new Intl.PluralRules(this.locale).select(count) : "other";
      if (isObject(translation)) {
        if (preferredForm in translation) {
          return preferredForm;
        } else if ("other" in translation) {
          console.warn(`i18n: Missing plural form ".${preferredForm}" for "${this.locale}" locale. Falling back to ".other".`);
          return "other";
        }
      }
      throw new Error(`i18n: Plural form ".other" is required for "${this.locale}" locale`);
    }
  };

  // node_modules/govuk-frontend/dist/govuk/components/exit-this-page/exit-this-page.mjs
  /**
   * Exit this page component
   *
   * @preserve
   * @augments ConfigurableComponent<ExitThisPageConfig>
   */
  var ExitThisPage = class _ExitThisPage extends ConfigurableComponent {
    /**
     * @param {Element | null} $root - HTML element that wraps the Exit This Page button
     * @param {ExitThisPageConfig} [config] - Exit This Page config
     */
    constructor($root, config = {}) {
      super($root, config);
      this.i18n = void 0;
      this.$button = void 0;
      this.$skiplinkButton = null;
      this.$updateSpan = null;
      this.$indicatorContainer = null;
      this.$overlay = null;
      this.keypressCounter = 0;
      this.lastKeyWasModified = false;
      this.timeoutTime = 5e3;
      this.keypressTimeoutId = null;
      this.timeoutMessageId = null;
      const $button = this.$root.querySelector(".govuk-exit-this-page__button");
      if (!($button instanceof HTMLAnchorElement)) {
        throw new ElementError({
          component: _ExitThisPage,
          element: $button,
          expectedType: "HTMLAnchorElement",
          identifier: "Button (`.govuk-exit-this-page__button`)"
        });
      }
      this.i18n = new I18n(this.config.i18n);
      this.$button = $button;
      const $skiplinkButton = document.querySelector(".govuk-js-exit-this-page-skiplink");
      if ($skiplinkButton instanceof HTMLAnchorElement) {
        this.$skiplinkButton = $skiplinkButton;
      }
      this.buildIndicator();
      this.initUpdateSpan();
      this.initButtonClickHandler();
      if (!("govukFrontendExitThisPageKeypress" in document.body.dataset)) {
        document.addEventListener("keyup", this.handleKeypress.bind(this), true);
        document.body.dataset.govukFrontendExitThisPageKeypress = "true";
      }
      window.addEventListener("pageshow", this.resetPage.bind(this));
    }
    initUpdateSpan() {
      this.$updateSpan = createElement("span", {
        role: "status",
        class: "govuk-visually-hidden"
      });
      this.$root.appendChild(this.$updateSpan);
    }
    initButtonClickHandler() {
      this.$button.addEventListener("click", this.handleClick.bind(this));
      if (this.$skiplinkButton) {
        this.$skiplinkButton.addEventListener("click", this.handleClick.bind(this));
      }
    }
    buildIndicator() {
      this.$indicatorContainer = createElement("div", {
        class: "govuk-exit-this-page__indicator",
        "aria-hidden": "true"
      });
      for (let i = 0; i < 3; i++) {
        this.$indicatorContainer.appendChild(createElement("div", {
          class: "govuk-exit-this-page__indicator-light"
        }));
      }
      this.$button.appendChild(this.$indicatorContainer);
    }
    updateIndicator() {
      if (!this.$indicatorContainer) {
        return;
      }
      this.$indicatorContainer.classList.toggle("govuk-exit-this-page__indicator--visible", this.keypressCounter > 0);
      const $indicators = this.$indicatorContainer.querySelectorAll(".govuk-exit-this-page__indicator-light");
      $indicators.forEach(($indicator, index) => {
        $indicator.classList.toggle("govuk-exit-this-page__indicator-light--on", index < this.keypressCounter);
      });
    }
    exitPage() {
      if (!this.$updateSpan) {
        return;
      }
      this.$updateSpan.textContent = "";
      document.body.classList.add("govuk-exit-this-page-hide-content");
      this.$overlay = createElement("div", {
        class: "govuk-exit-this-page-overlay",
        role: "alert"
      });
      document.body.appendChild(this.$overlay);
      this.$overlay.textContent = this.i18n.t("activated");
      window.location.href = this.$button.href;
    }
    handleClick(event) {
      event.preventDefault();
      this.exitPage();
    }
    handleKeypress(event) {
      if (!this.$updateSpan) {
        return;
      }
      if (event.key === "Shift" && !this.lastKeyWasModified) {
        this.keypressCounter += 1;
        this.updateIndicator();
        if (this.timeoutMessageId) {
          window.clearTimeout(this.timeoutMessageId);
          this.timeoutMessageId = null;
        }
        if (this.keypressCounter >= 3) {
          this.keypressCounter = 0;
          if (this.keypressTimeoutId) {
            window.clearTimeout(this.keypressTimeoutId);
            this.keypressTimeoutId = null;
          }
          this.exitPage();
        } else {
          if (this.keypressCounter === 1) {
            this.$updateSpan.textContent = this.i18n.t("pressTwoMoreTimes");
          } else {
            this.$updateSpan.textContent = this.i18n.t("pressOneMoreTime");
          }
        }
        this.setKeypressTimer();
      } else if (this.keypressTimeoutId) {
        this.resetKeypressTimer();
      }
      this.lastKeyWasModified = event.shiftKey;
    }
    setKeypressTimer() {
      if (this.keypressTimeoutId) {
        window.clearTimeout(this.keypressTimeoutId);
      }
      this.keypressTimeoutId = window.setTimeout(this.resetKeypressTimer.bind(this), this.timeoutTime);
    }
    resetKeypressTimer() {
      if (!this.$updateSpan) {
        return;
      }
      if (this.keypressTimeoutId) {
        window.clearTimeout(this.keypressTimeoutId);
        this.keypressTimeoutId = null;
      }
      const $updateSpan = this.$updateSpan;
      this.keypressCounter = 0;
      $updateSpan.textContent = this.i18n.t("timedOut");
      this.timeoutMessageId = window.setTimeout(() => {
        $updateSpan.textContent = "";
      }, this.timeoutTime);
      this.updateIndicator();
    }
    resetPage() {
      document.body.classList.remove("govuk-exit-this-page-hide-content");
      if (this.$overlay) {
        this.$overlay.remove();
        this.$overlay = null;
      }
      if (this.$updateSpan) {
        this.$updateSpan.setAttribute("role", "status");
        this.$updateSpan.textContent = "";
      }
      this.updateIndicator();
      if (this.keypressTimeoutId) {
        window.clearTimeout(this.keypressTimeoutId);
      }
      if (this.timeoutMessageId) {
        window.clearTimeout(this.timeoutMessageId);
      }
    }
  };
  ExitThisPage.moduleName = "govuk-exit-this-page";
  ExitThisPage.defaults = Object.freeze({
    i18n: {
      activated: "Loading.",
      timedOut: "Exit this page expired.",
      pressTwoMoreTimes: "Shift, press 2 more times to exit.",
      pressOneMoreTime: "Shift, press 1 more time to exit."
    }
  });
  ExitThisPage.schema = Object.freeze({
    properties: {
      i18n: {
        type: "object"
      }
    }
  });

  // src/dom.js
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach((name) => {
        const value = attrs[name];
        if (value === false || value === null || value === void 0) return;
        if (name === "text") node.textContent = value;
        else node.setAttribute(name, value === true ? "" : String(value));
      });
    }
    (children || []).forEach((child) => {
      if (child === null || child === void 0 || child === false) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  var SVG_NS = "http://www.w3.org/2000/svg";
  function icon(pathData, className) {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", className);
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", pathData);
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }
  function visuallyHidden(text2) {
    return el("span", { class: "ssgp-vh", text: text2 });
  }

  // src/exit.js
  var hooks = [];
  var ownLinks = [];
  var started = [];
  var exiting = false;
  function setExitUrl(url) {
    ownLinks.forEach((a) => a.setAttribute("href", url));
  }
  function onExit(hook) {
    hooks.push(hook);
  }
  var hidden = [];
  function blankPage(overlay) {
    Array.from(document.body.children).forEach((node) => {
      if (node === overlay || !(node instanceof HTMLElement)) return;
      hidden.push([node, node.style.getPropertyValue("display"), node.style.getPropertyPriority("display")]);
      node.style.setProperty("display", "none", "important");
    });
  }
  function unblankPage() {
    hidden.splice(0).forEach(([node, display, priority]) => {
      if (display) node.style.setProperty("display", display, priority);
      else node.style.removeProperty("display");
    });
  }
  function overlayElement(text2) {
    const overlay = el("div", { class: "govuk-exit-this-page-overlay", role: "alert" });
    const s = overlay.style;
    [
      ["position", "fixed"],
      ["inset", "0"],
      ["z-index", "2147483647"],
      ["display", "block"],
      ["padding", "1rem"],
      ["background-color", "#ffffff"],
      ["color", "#0b0c0c"],
      ["font", "1rem system-ui, sans-serif"]
    ].forEach(([name, value]) => s.setProperty(name, value, "important"));
    overlay.textContent = text2;
    return overlay;
  }
  var SafeExitThisPage = class extends ExitThisPage {
    exitPage() {
      if (!this.$updateSpan || exiting) return;
      exiting = true;
      this.$updateSpan.textContent = "";
      document.body.classList.add("govuk-exit-this-page-hide-content");
      this.$overlay = overlayElement(this.i18n.t("activated"));
      document.body.appendChild(this.$overlay);
      blankPage(this.$overlay);
      hooks.forEach((hook) => {
        try {
          hook();
        } catch (e) {
        }
      });
      window.location.replace(this.$button.href);
    }
    resetPage() {
      exiting = false;
      unblankPage();
      super.resetPage();
    }
  };
  function exitComponent(href, extraClass) {
    const button = el(
      "a",
      {
        href,
        role: "button",
        draggable: "false",
        class: "govuk-button govuk-button--warning govuk-exit-this-page__button govuk-js-exit-this-page-button",
        rel: "nofollow noreferrer"
      },
      [el("span", { class: "govuk-visually-hidden", text: "Emergency" }), " Exit this page"]
    );
    ownLinks.push(button);
    return el("div", { class: "govuk-exit-this-page" + (extraClass ? " " + extraClass : "") }, [button]);
  }
  function skipLink(href, onActivate) {
    const link2 = el("a", { href, class: "ssgp-skip-link govuk-js-exit-this-page-skiplink", rel: "nofollow noreferrer" }, [
      "Exit this page"
    ]);
    ownLinks.push(link2);
    link2.addEventListener("click", (event) => {
      event.preventDefault();
      onActivate();
    });
    return link2;
  }
  function init(root) {
    try {
      const instance = new SafeExitThisPage(root);
      new Button(instance.$button);
      started.push(instance);
      return instance;
    } catch (e) {
      return null;
    }
  }
  function setUpPageExit(exitUrl, pageExit, mountStyles) {
    document.body.classList.add("govuk-frontend-supported");
    const found = document.querySelectorAll(
      '[data-module="govuk-exit-this-page"], [data-module="ssgp-exit-this-page"]'
    );
    const instances = [];
    found.forEach((root) => {
      const instance = init(root);
      if (instance) instances.push(instance);
    });
    if (!found.length && pageExit) {
      const slot = document.querySelector("[data-ssgp-exit-this-page]");
      const host = el("div", {
        class: "ssgp-page-exit-host" + (slot ? " ssgp-page-exit-host--placed" : ""),
        role: "region",
        "aria-label": "Exit this page"
      });
      const shadow = host.attachShadow({ mode: "open" });
      host.hidden = true;
      mountStyles(shadow, () => {
        host.hidden = false;
      });
      const root = exitComponent(exitUrl, "ssgp-page-exit");
      let instance = null;
      if (!document.querySelector(".govuk-js-exit-this-page-skiplink")) {
        shadow.appendChild(skipLink(exitUrl, () => instance && instance.exitPage()));
      }
      shadow.appendChild(root);
      if (slot) slot.appendChild(host);
      else document.body.insertBefore(host, document.body.firstChild);
      instance = init(root);
      if (instance) instances.push(instance);
    }
    return instances;
  }
  function activateExit(root) {
    return init(root);
  }
  function setExitLabels(root, instance, strings) {
    const button = root.querySelector(".govuk-exit-this-page__button");
    if (button) {
      const hidden2 = button.querySelector(".govuk-visually-hidden");
      if (hidden2) hidden2.textContent = strings.t("emergency");
      const label = Array.from(button.childNodes).find((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (label) label.textContent = " " + strings.t("exit");
    }
    const announcements = {
      activated: strings.t("exit_activated"),
      timedOut: strings.t("exit_timed_out"),
      pressTwoMoreTimes: strings.t("exit_press_two"),
      pressOneMoreTime: strings.t("exit_press_one")
    };
    (/* @__PURE__ */ new Set([instance, ...started])).forEach((one) => {
      if (one && one.i18n && one.i18n.translations) one.i18n.translations = { ...announcements };
    });
  }

  // src/i18n.js
  var ENGLISH = {
    exit: "Exit this page",
    emergency: "Emergency",
    exit_activated: "Loading.",
    exit_timed_out: "Exit this page expired.",
    exit_press_two: "Shift, press 2 more times to exit.",
    exit_press_one: "Shift, press 1 more time to exit.",
    send: "Send",
    start_again: "Start again",
    close: "Close chat",
    keyboard_hint: "Press Enter to send. Press Shift 3 times to leave this page quickly.",
    input_label: "Your message",
    input_placeholder: "Type your message here",
    conversation_label: "Conversation",
    you_said: "You said:",
    assistant_said: "Assistant:",
    typing: "The assistant is typing.",
    suggested_replies: "Suggested replies",
    try_again: "Try again",
    language_button: "Language",
    language_menu_label: "Choose a language",
    greeting: "Hello. How can I help you today?",
    intro_before: "Before you start:",
    intro_exit: "To leave quickly, select **Exit this page** or press the **Shift** key 3 times. The page goes blank, this conversation is deleted from our system and a different website opens.",
    intro_history: "Leaving this way does **not** erase your browsing history. If someone else may look at this device, use a private (incognito) window, or a device they cannot get to.",
    intro_nothing_saved: "Nothing from this chat is saved on this device. Closing or reloading the page ends the conversation.",
    intro_no_name: "You do not need to give your name or any details that could identify you.",
    no_reply: "Sorry, I do not have an answer for that. Please try asking in a different way.",
    emergency_line: "If you are in danger now, call 999.",
    error_generic: "Something went wrong. Please try again.",
    error_offline: "No connection. Check your internet connection, then try again.",
    error_not_allowed: "This page isn't allowed to use the chat service, so the chat cannot work here. Please tell the owner of this website.",
    error_unreachable: "We could not reach the chat service. Check your connection, then try again.",
    error_unavailable: "The assistant is not available right now. Please try again in a few minutes. If you are in danger now, call 999.",
    error_rate_limited: "You are sending messages faster than we can answer. Please wait a moment and try again. If you are in danger now, call 999.",
    error_too_long: "Your message is too long. Please keep it under {max_chars} characters.",
    error_unreadable: "Your message contains characters we cannot read. Please type it again."
  };
  var DEFAULT_LANGUAGE = "en";
  var CODE = /^[a-z]{2}$/;
  function validCode(code) {
    return typeof code === "string" && CODE.test(code);
  }
  function validDir(dir) {
    return dir === "rtl" || dir === "ltr" ? dir : null;
  }
  var Strings = class {
    constructor(lang, dir, table) {
      this.lang = lang;
      this.dir = dir;
      this.table = table || {};
    }
    t(name) {
      const value = this.table[name];
      return typeof value === "string" && value ? value : ENGLISH[name] || "";
    }
  };
  var ENGLISH_STRINGS = new Strings(DEFAULT_LANGUAGE, "ltr", ENGLISH);
  async function fetchStrings(url, lang) {
    try {
      const response = await fetch(url, { credentials: "omit", referrerPolicy: "no-referrer" });
      if (!response.ok) return null;
      const data = await response.json();
      if (!data || data.language !== lang || typeof data.strings !== "object" || !data.strings) return null;
      const table = {};
      Object.keys(data.strings).forEach((name) => {
        if (typeof data.strings[name] === "string") table[name] = data.strings[name];
      });
      return new Strings(lang, validDir(data.dir) || "ltr", table);
    } catch (e) {
      return null;
    }
  }
  function registerFonts(fonts, base) {
    if (!Array.isArray(fonts) || typeof FontFace !== "function" || !document.fonts) return 0;
    let added = 0;
    fonts.forEach((font) => {
      if (!font || typeof font.family !== "string" || typeof font.url !== "string") return;
      if (!/^fonts\/[a-z0-9-]+\.woff2$/.test(font.url)) return;
      try {
        const href = new URL(font.url, base).href;
        const face = new FontFace(font.family, 'url("' + href + '") format("woff2")', {
          weight: String(font.weight || 400),
          unicodeRange: typeof font.unicode_range === "string" ? font.unicode_range : void 0,
          display: "swap"
        });
        document.fonts.add(face);
        added += 1;
      } catch (e) {
      }
    });
    return added;
  }

  // src/colour.js
  var HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;
  function parseHexColour(value) {
    if (typeof value !== "string") return null;
    const v = value.trim();
    if (!HEX.test(v)) return null;
    if (v.length === 4) {
      return ("#" + v[1] + v[1] + v[2] + v[2] + v[3] + v[3]).toLowerCase();
    }
    return v.toLowerCase();
  }
  function channel(c) {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  }
  function luminance(hex) {
    const n = parseInt(hex.slice(1), 16);
    return 0.2126 * channel(n >> 16 & 255) + 0.7152 * channel(n >> 8 & 255) + 0.0722 * channel(n & 255);
  }
  function contrast(a, b) {
    const la = luminance(a);
    const lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }
  var DARK_TEXT = "#0b0c0c";
  var LIGHT_TEXT = "#ffffff";
  function textColourFor(background) {
    return contrast(background, LIGHT_TEXT) >= contrast(background, DARK_TEXT) ? LIGHT_TEXT : DARK_TEXT;
  }
  function readableOn(colour, background, fallback) {
    return contrast(colour, background) >= 4.5 ? colour : fallback;
  }

  // src/options.js
  var DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather";
  var DEFAULT_PRIMARY = "#1d5e82";
  function text(value, fallback, max) {
    if (typeof value !== "string") return fallback;
    const v = value.trim().replace(/\s+/g, " ");
    return v ? v.slice(0, max) : fallback;
  }
  function safeExitUrl(value) {
    if (typeof value !== "string" || !value) return null;
    try {
      const url = new URL(value);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }
  function readOptions(script) {
    const ds = script && script.dataset || {};
    const scriptUrl = new URL(script && script.src || "widget/ssgp-chat.js", document.baseURI);
    const assetBase = new URL(".", scriptUrl);
    return {
      title: text(ds.title, "Chat", 60),
      greeting: text(ds.greeting, "Hello. How can I help you today?", 300),
      primary: parseHexColour(ds.primaryColour || ds.primaryColor) || DEFAULT_PRIMARY,
      exitUrl: safeExitUrl(ds.exitUrl),
      pageExit: ds.pageExit !== "false",
      cssUrl: new URL("ssgp-chat.css", assetBase).href,
      configUrl: new URL("config.json", assetBase).href,
      chatUrl: new URL("../api/chat", assetBase).href,
      forgetUrl: new URL("../api/forget", assetBase).href,
      stringsUrl: (lang) => new URL("strings/" + encodeURIComponent(lang) + ".json", assetBase).href
    };
  }

  // src/markdown.js
  var BULLET = /^\s*(?:[-*•])\s+(.*)$/;
  var NUMBERED = /^\s*(\d{1,3})[.)]\s+(.*)$/;
  var FENCE = /^\s*:::\s*(.*)$/;
  var PHONE = "(?:\\+44 ?\\(?0?\\)? ?|\\b0)\\d(?: ?\\d){8,9}(?![\\d])|\\b116 ?\\d{3}\\b|\\b(?:999|112|101|111)\\b(?![-\\d])";
  var INLINE = new RegExp(
    [
      "\\\\([\\\\*_`\\[\\]()<>#|~:!.-])",
      "\\*\\*(?=\\S)([\\s\\S]*?\\S)\\*\\*",
      "(?<![\\w\\\\])_(?=\\S)([^_\\n]*?\\S)_(?!\\w)",
      "\\[([^\\]\\n]+)\\]\\(([^()\\s]+)\\)",
      `(https?:\\/\\/[^\\s<>()"]*[^\\s<>()".,;:!?'])`,
      "(" + PHONE + ")"
    ].join("|"),
    "g"
  );
  var ALLOWED_PROTOCOLS = ["http:", "https:", "tel:", "mailto:"];
  function safeHref(raw) {
    try {
      const url = new URL(raw);
      return ALLOWED_PROTOCOLS.includes(url.protocol) ? url.href : null;
    } catch (e) {
      return null;
    }
  }
  function telHref(number) {
    return "tel:" + number.replace(/[^\d+]/g, "");
  }
  function link(href, label) {
    const safe = safeHref(href);
    if (!safe) return document.createTextNode(label);
    const external = safe.startsWith("http");
    const a = el("a", { href: safe, class: "ssgp-link" }, [label]);
    if (external) {
      a.setAttribute("target", "_blank");
      a.setAttribute("rel", "noopener noreferrer");
      a.appendChild(visuallyHidden(" (opens in a new tab)"));
    }
    return a;
  }
  function phoneLink(number) {
    return el("a", { href: telHref(number), class: "ssgp-link ssgp-tel" }, [number]);
  }
  function appendInline(parent, text2, inEmphasis = false, noLinks = false) {
    let last = 0;
    let match;
    const re = new RegExp(INLINE.source, "g");
    while ((match = re.exec(text2)) !== null) {
      if (match.index > last) parent.appendChild(document.createTextNode(text2.slice(last, match.index)));
      const [whole, escaped, bold, italic, label, href, url, phone] = match;
      if (escaped !== void 0) {
        parent.appendChild(document.createTextNode(escaped));
      } else if (bold !== void 0 || italic !== void 0) {
        if (inEmphasis) {
          appendInline(parent, bold !== void 0 ? bold : italic, true, noLinks);
        } else {
          const node = el(bold !== void 0 ? "strong" : "em");
          appendInline(node, bold !== void 0 ? bold : italic, true, noLinks);
          parent.appendChild(node);
        }
      } else if (label !== void 0) {
        const text3 = label.replace(/\\(.)/g, "$1");
        parent.appendChild(noLinks ? document.createTextNode(text3) : link(href, text3));
      } else if (url !== void 0) {
        parent.appendChild(noLinks ? document.createTextNode(url) : link(url, url));
      } else if (phone !== void 0) {
        parent.appendChild(noLinks ? document.createTextNode(phone) : phoneLink(phone));
      } else {
        parent.appendChild(document.createTextNode(whole));
      }
      last = re.lastIndex;
    }
    if (last < text2.length) parent.appendChild(document.createTextNode(text2.slice(last)));
  }
  function appendLines(parent, lines) {
    lines.forEach((line, i) => {
      if (i > 0) parent.appendChild(el("br"));
      appendInline(parent, line);
    });
  }
  function renderBlocks(target, lines) {
    let paragraph = [];
    let list = null;
    let listType = null;
    const flushParagraph = () => {
      if (paragraph.length) {
        const p = el("p");
        appendLines(p, paragraph);
        target.appendChild(p);
        paragraph = [];
      }
    };
    const flushList = () => {
      if (list) target.appendChild(list);
      list = null;
      listType = null;
    };
    lines.forEach((line) => {
      const bullet = BULLET.exec(line);
      const numbered = bullet ? null : NUMBERED.exec(line);
      if (bullet || numbered) {
        flushParagraph();
        const type = bullet ? "ul" : "ol";
        if (listType !== type) {
          flushList();
          list = el(type);
          listType = type;
          if (numbered && numbered[1] !== "1") list.setAttribute("start", numbered[1]);
        }
        const li = el("li");
        appendInline(li, bullet ? bullet[1] : numbered[2]);
        list.appendChild(li);
      } else if (!line.trim()) {
        flushParagraph();
        flushList();
      } else {
        flushList();
        paragraph.push(line.trim());
      }
    });
    flushParagraph();
    flushList();
  }
  function renderMarkdown(text2) {
    const fragment = document.createDocumentFragment();
    const lines = String(text2).replace(/\r\n?/g, "\n").split("\n");
    let outside = [];
    let inside = null;
    let summary = "";
    const flushDisclosure = () => {
      const details = el("details", { class: "ssgp-more" });
      const title = el("summary", { class: "ssgp-more__summary" });
      appendInline(title, summary || "More", false, true);
      details.appendChild(title);
      const body = el("div", { class: "ssgp-more__body" });
      renderBlocks(body, inside);
      details.appendChild(body);
      fragment.appendChild(details);
      inside = null;
    };
    lines.forEach((line) => {
      const fence = FENCE.exec(line);
      if (fence && inside === null && fence[1].trim()) {
        renderBlocks(fragment, outside);
        outside = [];
        inside = [];
        summary = fence[1].trim();
      } else if (fence && inside !== null && !fence[1].trim()) {
        flushDisclosure();
      } else if (fence && !fence[1].trim()) {
      } else if (inside !== null) {
        inside.push(line);
      } else {
        outside.push(line);
      }
    });
    if (inside !== null) flushDisclosure();
    renderBlocks(fragment, outside);
    return fragment;
  }

  // src/ui.js
  var ICON_CHAT = "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z";
  var ICON_CLOSE = "M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z";
  var ICON_LANGUAGE = "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm6.9 6h-2.9a15.7 15.7 0 0 0-1.4-3.6A8 8 0 0 1 18.9 8zM12 4c.8 1.2 1.5 2.5 1.9 4h-3.8c.4-1.4 1.1-2.8 1.9-4zM4.3 14a8.2 8.2 0 0 1 0-4h3.4a16.5 16.5 0 0 0 0 4H4.3zm.8 2h3a15.7 15.7 0 0 0 1.3 3.6A8 8 0 0 1 5.1 16zm3-8h-3a8 8 0 0 1 4.3-3.6C8.9 5.5 8.4 6.7 8.1 8zM12 20c-.8-1.2-1.5-2.5-1.9-4h3.8c-.4 1.4-1.1 2.8-1.9 4zm2.3-6H9.7a14.7 14.7 0 0 1 0-4h4.6a14.7 14.7 0 0 1 0 4zm.3 5.6c.6-1.1 1-2.3 1.4-3.6h2.9a8 8 0 0 1-4.3 3.6zm1.7-5.6a16.5 16.5 0 0 0 0-4h3.4a8.2 8.2 0 0 1 0 4h-3.4z";
  var EMERGENCY_NUMBER = "999";
  var NON_LATIN = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF\u0A00-\u0AFF]/;
  var chooseLanguagePayload = (code) => '/choose_language{"language":"' + code + '"}';
  var ERROR_BY_STATUS = { 400: "error_unreadable", 413: "error_too_long", 429: "error_rate_limited" };
  function spokenLabel(text2, name, suffix) {
    const span = visuallyHidden(text2 + suffix);
    span.setAttribute("data-ssgp-label", name);
    span.setAttribute("data-ssgp-suffix", suffix);
    return span;
  }
  function markEmergency(body, label = ENGLISH_STRINGS.t("emergency")) {
    const link2 = Array.from(body.querySelectorAll("a.ssgp-tel")).find(
      (a) => a.getAttribute("href") === telHref(EMERGENCY_NUMBER) && !a.closest("details")
    );
    if (!link2) return null;
    const block = link2.closest("p, li");
    if (!block || !body.contains(block)) return null;
    if (block.tagName === "LI") {
      block.classList.add("ssgp-callout", "ssgp-callout--item");
      block.insertBefore(spokenLabel(label, "emergency", ": "), block.firstChild);
      return block;
    }
    const note = el("div", {
      class: "ssgp-callout",
      role: "note",
      "aria-label": label,
      "data-ssgp-label": "emergency"
    });
    block.parentNode.insertBefore(note, block);
    note.appendChild(block);
    return note;
  }
  function emergencyParagraph(strings) {
    const p = el("p", { class: "ssgp-callout" }, [visuallyHidden(strings.t("emergency") + ": ")]);
    let line = strings.t("emergency_line");
    if (line.indexOf(EMERGENCY_NUMBER) < 0) line = ENGLISH_STRINGS.t("emergency_line");
    const at = line.indexOf(EMERGENCY_NUMBER);
    p.appendChild(document.createTextNode(line.slice(0, at)));
    p.appendChild(el("a", { href: telHref(EMERGENCY_NUMBER), class: "ssgp-link ssgp-tel", text: EMERGENCY_NUMBER }));
    p.appendChild(document.createTextNode(line.slice(at + EMERGENCY_NUMBER.length)));
    return p;
  }
  function introText(greeting, strings) {
    return [
      greeting,
      "",
      strings.t("intro_before"),
      "- " + strings.t("intro_exit"),
      "- " + strings.t("intro_history"),
      "- " + strings.t("intro_nothing_saved"),
      "- " + strings.t("intro_no_name")
    ].join("\n");
  }
  var instanceCount = 0;
  var ChatWidget = class {
    constructor(options, api) {
      this.options = options;
      this.api = api;
      this.maxChars = 2e3;
      this.conversationId = newConversationId();
      this.started = false;
      this.busy = false;
      this.introShown = false;
      this.forgottenOnHide = false;
      this.blocked = null;
      this.prefix = "ssgp-" + (instanceCount += 1);
      this.strings = ENGLISH_STRINGS;
      this.lang = DEFAULT_LANGUAGE;
      this.languages = [];
      this.languageRequest = 0;
      this.registerFonts = null;
      this.fontsWanted = false;
      this.build();
      onExit(() => this.wipe());
      window.addEventListener("pagehide", () => this.onPageHide());
      window.addEventListener("pageshow", (event) => this.onPageShow(event));
    }
    build() {
      const o = this.options;
      const id = (suffix) => this.prefix + "-" + suffix;
      this.launcher = el(
        "button",
        { type: "button", class: "ssgp-launcher", "aria-expanded": "false", "aria-controls": id("panel") },
        [icon(ICON_CHAT, "ssgp-icon"), el("span", { class: "ssgp-launcher__label", text: o.title })]
      );
      this.closeLabel = visuallyHidden("");
      this.closeButton = el("button", { type: "button", class: "ssgp-icon-button ssgp-close" }, [
        icon(ICON_CLOSE, "ssgp-icon"),
        this.closeLabel
      ]);
      this.restartButton = el("button", { type: "button", class: "ssgp-secondary ssgp-restart" });
      this.exitRoot = exitComponent(o.exitUrl, "ssgp-exit");
      this.languageLabel = el("span", { class: "ssgp-language__label" });
      this.languageButton = el(
        "button",
        { type: "button", class: "ssgp-secondary ssgp-language", "aria-expanded": "false", "aria-controls": id("languages") },
        [icon(ICON_LANGUAGE, "ssgp-icon ssgp-language__icon"), this.languageLabel]
      );
      this.languageButton.hidden = true;
      this.languageMenu = el("div", { id: id("languages"), class: "ssgp-languages", role: "group" });
      this.languageMenu.hidden = true;
      this.log = el("div", {
        class: "ssgp-log",
        role: "log",
        "aria-live": "polite",
        tabindex: "0"
      });
      this.typing = el("div", { class: "ssgp-typing", role: "status" });
      this.input = el("textarea", {
        id: id("input"),
        class: "ssgp-input",
        rows: "2",
        maxlength: String(this.maxChars),
        autocomplete: "off",
        "aria-describedby": id("hint")
      });
      this.sendButton = el("button", { type: "submit", class: "ssgp-send" });
      this.inputLabel = el("label", { for: id("input"), class: "ssgp-vh" });
      this.hint = el("p", { id: id("hint"), class: "ssgp-hint" });
      this.form = el("form", { class: "ssgp-form", novalidate: true }, [
        this.inputLabel,
        el("div", { class: "ssgp-form__row" }, [this.input, this.sendButton]),
        this.hint
      ]);
      this.panel = el(
        "div",
        { id: id("panel"), class: "ssgp-panel", role: "dialog", "aria-modal": "false", "aria-labelledby": id("title") },
        [
          el("div", { class: "ssgp-header" }, [
            el("div", { class: "ssgp-header__top" }, [
              // The host page's title, in the page's language whatever the chat's language is.
              el("h2", {
                id: id("title"),
                class: "ssgp-title",
                text: o.title,
                lang: document.documentElement.lang || null,
                dir: "auto"
              }),
              // Beside Close, so the header (and the message area) keeps its height.
              el("div", { class: "ssgp-header__tools" }, [this.languageButton, this.closeButton])
            ]),
            el("div", { class: "ssgp-header__actions" }, [this.exitRoot, this.restartButton]),
            this.languageMenu
          ]),
          this.log,
          this.typing,
          this.form
        ]
      );
      this.panel.hidden = true;
      this.root = el("aside", { class: "ssgp-chat", "aria-label": o.title }, [this.panel, this.launcher]);
      this.root.hidden = true;
      this.root.style.setProperty("--ssgp-primary", o.primary);
      this.root.style.setProperty("--ssgp-on-primary", textColourFor(o.primary));
      this.root.style.setProperty("--ssgp-accent-light", readableOn(o.primary, "#ffffff", DARK_TEXT));
      this.root.style.setProperty("--ssgp-accent-dark", readableOn(o.primary, "#161718", "#f3f2f1"));
      this.applyStrings();
      this.launcher.addEventListener("click", () => this.isOpen() ? this.close() : this.open());
      this.languageButton.addEventListener("click", () => this.toggleLanguageMenu());
      this.closeButton.addEventListener("click", () => this.close());
      this.restartButton.addEventListener("click", () => this.startAgain());
      this.panel.addEventListener("keydown", (event) => {
        if (event.key === "Escape" || event.key === "Esc") {
          event.preventDefault();
          if (!this.languageMenu.hidden) {
            this.toggleLanguageMenu(false);
            this.languageButton.focus();
          } else {
            this.close();
          }
        }
      });
      this.form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.submitTyped();
      });
      this.input.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
          event.preventDefault();
          this.submitTyped();
        }
      });
    }
    /**
     * Adds the widget to the page inside a shadow root, with `mountStyles(shadowRoot, onReady)`
     * linking our stylesheet there, and wires its Exit this page button.
     */
    mount(mountStyles) {
      this.host = el("div", { class: "ssgp-chat-host" });
      const shadow = this.host.attachShadow({ mode: "open" });
      mountStyles(shadow, () => this.show());
      shadow.appendChild(this.root);
      document.body.appendChild(this.host);
      this.exitInstance = activateExit(this.exitRoot);
      setExitLabels(this.exitRoot, this.exitInstance, this.strings);
    }
    show() {
      this.root.hidden = false;
    }
    applyConfig(config) {
      if (config.maxChars) {
        this.maxChars = config.maxChars;
        this.input.setAttribute("maxlength", String(config.maxChars));
      }
      if (Array.isArray(config.languages)) this.setLanguages(config.languages);
      if (typeof config.fonts === "function") {
        this.registerFonts = config.fonts;
        if (this.fontsWanted) this.needFonts();
      }
    }
    /**
     * Registers our fonts the first time text in Urdu, Gurmukhi or Gujarati is shown (or the
     * language menu, which names them, opens). An English-only conversation never registers them,
     * so it fetches nothing and a partner page's CSP without font-src stays quiet.
     */
    needFonts(text2) {
      if (typeof text2 === "string" && !NON_LATIN.test(text2)) return;
      this.fontsWanted = true;
      if (this.registerFonts) {
        const register = this.registerFonts;
        this.registerFonts = null;
        register();
      }
    }
    /** Puts every interface string in the current language, and its direction on the panel. */
    applyStrings() {
      const s = this.strings;
      this.panel.setAttribute("lang", s.lang);
      this.panel.setAttribute("dir", s.dir);
      this.closeLabel.textContent = s.t("close");
      this.restartButton.textContent = s.t("start_again");
      this.languageLabel.textContent = s.t("language_button");
      this.languageMenu.setAttribute("aria-label", s.t("language_menu_label"));
      this.log.setAttribute("aria-label", s.t("conversation_label"));
      this.inputLabel.textContent = s.t("input_label");
      this.input.setAttribute("placeholder", s.t("input_placeholder"));
      this.sendButton.textContent = s.t("send");
      this.hint.textContent = s.t("keyboard_hint");
      if (this.exitInstance !== void 0) setExitLabels(this.exitRoot, this.exitInstance, s);
      if (this.typing.classList.contains("ssgp-typing--on")) this.setTyping(true);
      this.log.querySelectorAll('.ssgp-msg[lang="' + s.lang + '"] [data-ssgp-label]').forEach((node) => {
        const text2 = s.t(node.getAttribute("data-ssgp-label"));
        if (node.hasAttribute("aria-label")) node.setAttribute("aria-label", text2);
        else node.textContent = text2 + (node.getAttribute("data-ssgp-suffix") || "");
      });
    }
    /** The writing direction of a language (from the server's list; Urdu is right to left). */
    dirOf(code) {
      const known = this.languages.find((l) => l.code === code);
      return known && validDir(known.dir) || (code === "ur" ? "rtl" : "ltr");
    }
    /** The language menu's entries: each language named in itself, in its own script. */
    setLanguages(languages) {
      this.languages = languages.filter((l) => l && validCode(l.code) && typeof l.name === "string" && l.name);
      this.languageMenu.textContent = "";
      this.languages.forEach((language) => {
        const button = el("button", {
          type: "button",
          class: "ssgp-languages__button",
          lang: language.code,
          dir: validDir(language.dir) || "ltr",
          "data-language": language.code,
          text: language.name
        });
        button.addEventListener("click", () => this.chooseLanguage(language));
        this.languageMenu.appendChild(button);
      });
      this.languageButton.hidden = this.languages.length < 2;
    }
    toggleLanguageMenu(open = this.languageMenu.hidden) {
      this.languageMenu.hidden = !open;
      this.languageButton.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        this.needFonts();
        this.languageMenu.querySelectorAll("button").forEach((b) => {
          b.setAttribute("aria-current", b.getAttribute("data-language") === this.strings.lang ? "true" : "false");
        });
        const first = this.languageMenu.querySelector("button");
        if (first) first.focus();
      }
    }
    /** The person picked a language: the interface switches now, and the assistant is told. */
    chooseLanguage(language) {
      this.toggleLanguageMenu(false);
      this.setLanguage(language.code);
      this.send(chooseLanguagePayload(language.code), language.name);
    }
    /**
     * Switches the interface to `code`: English at once (built in), another language once its
     * strings have arrived (kept in memory only). A later switch wins over an earlier one.
     */
    async setLanguage(code) {
      if (!validCode(code) || code === this.lang) return;
      this.lang = code;
      if (code !== DEFAULT_LANGUAGE) this.needFonts();
      const request = this.languageRequest += 1;
      let strings = ENGLISH_STRINGS;
      if (code !== DEFAULT_LANGUAGE) {
        strings = await fetchStrings(this.options.stringsUrl(code), code);
        if (request !== this.languageRequest || !strings) return;
      }
      this.strings = strings;
      this.applyStrings();
    }
    isOpen() {
      return !this.panel.hidden;
    }
    open() {
      this.panel.hidden = false;
      this.root.classList.add("ssgp-chat--open");
      this.launcher.setAttribute("aria-expanded", "true");
      if (!this.introShown) {
        this.showIntro();
        if (this.blocked) this.showError(this.errorText({ cause: this.blocked }), null);
      }
      this.input.focus();
    }
    close(returnFocus = true) {
      this.panel.hidden = true;
      this.root.classList.remove("ssgp-chat--open");
      this.launcher.setAttribute("aria-expanded", "false");
      if (returnFocus) this.launcher.focus();
    }
    showIntro() {
      this.introShown = true;
      const s = this.strings;
      const greeting = s.lang === DEFAULT_LANGUAGE ? this.options.greeting : s.t("greeting");
      this.addBotMessage({ text: introText(greeting, s), buttons: [] }, "ssgp-msg--intro");
    }
    scrollToEnd() {
      this.log.scrollTop = this.log.scrollHeight;
    }
    /** Scrolls the log so `node` (the start of the newest reply) is at its top. */
    scrollToStart(node) {
      const top = node.getBoundingClientRect().top - this.log.getBoundingClientRect().top + this.log.scrollTop;
      this.log.scrollTop = Math.max(0, top - 8);
    }
    /**
     * One message in the log, marked with its language and direction (`lang`/`dir`), so screen
     * readers pronounce it right and Urdu runs right to left. The person's own words get
     * dir="auto": the browser takes the direction from the text itself.
     */
    addMessage(who, content, extraClass, lang, dir) {
      const s = this.strings;
      const name = who === "user" ? "you_said" : "assistant_said";
      const message = el(
        "div",
        {
          class: "ssgp-msg ssgp-msg--" + who + (extraClass ? " " + extraClass : ""),
          lang: validCode(lang) ? lang : this.lang,
          dir: who === "user" ? "auto" : validDir(dir) || this.dirOf(validCode(lang) ? lang : this.lang)
        },
        [spokenLabel(s.t(name), name, " ")]
      );
      message.appendChild(content);
      this.log.appendChild(message);
      return message;
    }
    addUserMessage(text2) {
      this.needFonts(text2);
      const p = el("p", { text: text2 });
      const message = this.addMessage("user", p);
      this.scrollToEnd();
      return message;
    }
    addBotMessage(reply, extraClass) {
      const body = el("div", { class: "ssgp-msg__body" });
      if (typeof reply.text === "string" && reply.text.trim()) {
        this.needFonts(reply.text);
        body.appendChild(renderMarkdown(reply.text));
      }
      markEmergency(body, this.strings.t("emergency"));
      const message = this.addMessage("bot", body, extraClass, reply.lang, reply.dir);
      const buttons = Array.isArray(reply.buttons) ? reply.buttons : [];
      const usable = buttons.filter((b) => b && typeof b.title === "string" && b.title.trim());
      if (usable.length) {
        const group = el("div", { class: "ssgp-quick", role: "group", "aria-label": this.strings.t("suggested_replies") });
        usable.forEach((b) => {
          const payload = typeof b.payload === "string" && b.payload.trim() ? b.payload : b.title;
          const button = el("button", { type: "button", class: "ssgp-quick__button", text: b.title.trim() });
          button.addEventListener("click", () => this.send(payload, b.title.trim()));
          group.appendChild(button);
        });
        message.appendChild(group);
      }
      return message;
    }
    clearTransient() {
      this.log.querySelectorAll(".ssgp-quick, .ssgp-msg--error").forEach((node) => node.remove());
    }
    setTyping(on) {
      this.typing.textContent = "";
      this.typing.classList.toggle("ssgp-typing--on", on);
      if (on) {
        this.typing.appendChild(visuallyHidden(this.strings.t("typing")));
        const dots = el("span", { class: "ssgp-dots", "aria-hidden": "true" }, [el("span"), el("span"), el("span")]);
        this.typing.appendChild(dots);
      }
    }
    setBusy(on) {
      this.busy = on;
      this.setTyping(on);
      this.sendButton.setAttribute("aria-disabled", on ? "true" : "false");
    }
    /** An error that names its cause, always with the 999 line, and "Try again" when it may help. */
    showError(message, retry) {
      const body = el("div", { class: "ssgp-msg__body" }, [el("p", { text: message }), emergencyParagraph(this.strings)]);
      if (retry) {
        const again = el("button", { type: "button", class: "ssgp-secondary ssgp-retry", text: this.strings.t("try_again") });
        again.addEventListener("click", () => {
          errorNode.remove();
          this.input.focus();
          retry();
        });
        body.appendChild(again);
      }
      const errorNode = this.addMessage("bot", body, "ssgp-msg--error");
      this.scrollToStart(errorNode);
      return errorNode;
    }
    /** Shown when the widget cannot use the chat service at all (e.g. a site not allow-listed). */
    setBlocked(message) {
      this.blocked = message;
      if (this.isOpen()) this.showError(this.errorText({ cause: message }), null);
    }
    /**
     * The sentence for a failed request, in the interface language: by its network cause
     * ('offline', 'notAllowed', 'unreachable') or HTTP status; in English, the server's own.
     */
    errorText(result) {
      const s = this.strings;
      const causes = { offline: "error_offline", notAllowed: "error_not_allowed", unreachable: "error_unreachable" };
      if (result.cause) return s.t(causes[result.cause] || "error_generic");
      if (s.lang === DEFAULT_LANGUAGE && result.error) return result.error;
      const key = ERROR_BY_STATUS[result.status] || (result.status >= 500 ? "error_unavailable" : "error_generic");
      return s.t(key).replace("{max_chars}", String(this.maxChars));
    }
    submitTyped() {
      if (this.busy) return;
      const text2 = this.input.value.trim();
      if (!text2) {
        this.input.focus();
        return;
      }
      this.input.value = "";
      this.send(text2, text2);
    }
    send(message, display) {
      if (this.busy) return;
      this.clearTransient();
      this.addUserMessage(display);
      this.input.focus();
      this.deliver(message);
    }
    async deliver(message) {
      const conversationId = this.conversationId;
      this.started = true;
      this.setBusy(true);
      const result = await this.api.send(conversationId, message);
      if (conversationId !== this.conversationId) return;
      this.setBusy(false);
      if (result.ok) {
        if (validCode(result.language)) this.setLanguage(result.language);
        const replies = result.messages.filter((m) => m && typeof m === "object");
        if (!replies.length) replies.push({ text: this.strings.t("no_reply"), buttons: [] });
        const first = replies.map((reply) => this.addBotMessage(reply))[0];
        this.scrollToStart(first);
      } else {
        this.showError(this.errorText(result), result.retryable ? () => this.deliver(message) : null);
      }
    }
    /** Forgets the server's copy (if any) and starts a fresh conversation in memory. */
    resetConversation(forget) {
      if (forget && this.started) this.api.forget(this.conversationId);
      this.conversationId = newConversationId();
      this.started = false;
      this.setBusy(false);
      this.log.textContent = "";
      this.input.value = "";
      this.introShown = false;
    }
    startAgain() {
      this.resetConversation(true);
      this.showIntro();
      this.input.focus();
    }
    /** Exit hook: delete the conversation on the server and drop everything held in memory. */
    wipe() {
      this.resetConversation(true);
      this.close(false);
    }
    onPageHide() {
      if (this.started) {
        this.api.forget(this.conversationId);
        this.forgottenOnHide = true;
      }
    }
    onPageShow(event) {
      if (event.persisted && this.forgottenOnHide) {
        this.forgottenOnHide = false;
        this.resetConversation(false);
        if (this.isOpen()) this.showIntro();
      }
    }
  };

  // src/index.js
  var CSS_FALLBACK_MS = 3e3;
  async function loadConfig(url) {
    let response;
    try {
      response = await fetch(url, { credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer" });
    } catch (e) {
      return { failure: await diagnose(url) };
    }
    try {
      if (!response.ok) return {};
      const data = await response.json();
      return {
        exitUrl: safeExitUrl(data.exit_url),
        maxChars: Number.isInteger(data.max_chars) && data.max_chars > 0 ? data.max_chars : null,
        languages: Array.isArray(data.languages) ? data.languages : null,
        fonts: Array.isArray(data.fonts) ? data.fonts : []
      };
    } catch (e) {
      return {};
    }
  }
  function stylesheetMounter(href) {
    return (shadowRoot, ready) => {
      let done = false;
      const once = () => {
        if (!done && ready) {
          done = true;
          ready();
        }
      };
      const link2 = document.createElement("link");
      link2.rel = "stylesheet";
      link2.href = href;
      link2.addEventListener("load", once);
      link2.addEventListener("error", once);
      shadowRoot.appendChild(link2);
      if (ready) setTimeout(once, CSS_FALLBACK_MS);
    };
  }
  function start(options) {
    const exitUrl = options.exitUrl || DEFAULT_EXIT_URL;
    const mountStyles = stylesheetMounter(options.cssUrl);
    setUpPageExit(exitUrl, options.pageExit, mountStyles);
    const api = new ChatApi(options.chatUrl, options.forgetUrl, options.configUrl);
    const widget = new ChatWidget({ ...options, exitUrl }, api);
    widget.mount(mountStyles);
    loadConfig(options.configUrl).then((config) => {
      if (config.failure === "notAllowed") widget.setBlocked("notAllowed");
      if (!options.exitUrl && config.exitUrl) setExitUrl(config.exitUrl);
      widget.applyConfig({
        maxChars: config.maxChars,
        languages: config.languages,
        // Registered only once a non-Latin script is on screen (see ChatWidget.needFonts).
        fonts: () => registerFonts(config.fonts, options.configUrl)
      });
    });
  }
  (function main() {
    const script = document.currentScript;
    if (window.ssgpChatLoaded) return;
    window.ssgpChatLoaded = true;
    const options = readOptions(script);
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", () => start(options));
    } else {
      start(options);
    }
  })();
})();
