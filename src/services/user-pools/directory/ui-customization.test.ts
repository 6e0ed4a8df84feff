import { checkCss } from "./ui-customization";

describe("hosted UI CSS", () => {
  it("accepts rules on the customizable classes", () => {
    expect(() => checkCss("/* brand */ .banner-customizable { background: #123; } .submitButton-customizable:hover, .idpButton-customizable { color: white; }")).not.toThrow();
  });

  it("refuses other selectors, unparsable text and markup", () => {
    expect(() => checkCss("body { display: none }")).toThrow("body is not a valid class name");
    expect(() => checkCss(".label-customizable { color: red } stray")).toThrow("could not be parsed");
    expect(() => checkCss(".label-customizable { color: red; } </style><script>")).toThrow();
  });
});

describe("hosted UI CSS check speed", () => {
  /** The rule syntax as a regular expression: what checkCss must accept and refuse, however it scans. */
  function regexCheck(css: string): void {
    const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, "");
    let consumed = "";
    for (const match of withoutComments.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      consumed += match[0];
      for (const selector of match[1].split(",").map((s) => s.trim())) {
        if (selector !== ".banner-customizable") throw new Error(`${selector} is not a valid class name. Only the classes of the hosted UI can be customized.`);
      }
      if (/<|@import|url\s*\(\s*['"]?javascript:/i.test(match[2])) throw new Error("The CSS contains a value that is not allowed.");
    }
    if (withoutComments.replace(/\s/g, "").length !== consumed.replace(/\s/g, "").length) throw new Error("The CSS could not be parsed.");
  }
  const outcome = (check: (css: string) => void, css: string) => {
    try {
      check(css);
      return "ok";
    } catch (error) {
      return (error as Error).message;
    }
  };

  it("decides as the rule syntax does on every short combination of its tokens", () => {
    const tokens = ["{", "}", "/*", "*/", ".banner-customizable", "x", ",", " ", "<"];
    let level = [""];
    let compared = 0;
    const differing: string[] = [];
    for (let length = 1; length <= 5; length++) {
      const next: string[] = [];
      for (const prefix of level) {
        for (const token of tokens) {
          const css = prefix + token;
          next.push(css);
          compared++;
          if (outcome(checkCss, css) !== outcome(regexCheck, css)) differing.push(css);
        }
      }
      level = next;
    }
    expect(compared).toBeGreaterThan(60_000);
    expect(differing.slice(0, 5)).toEqual([]);
  });

  it("checks the longest CSS the model allows (131,072 characters) in linear time", () => {
    const max = 131_072;
    const hostile = ["a", "{", "}", "/*", "{a", "a{", ".banner-customizable{", "url(", "url( ", "{}"].map((unit) => unit.repeat(Math.ceil(max / unit.length)).slice(0, max));
    const slow: string[] = [];
    for (const css of hostile) {
      const started = performance.now();
      expect(() => checkCss(css)).toThrow();
      // 50 ms is the budget of a request; a shared CI machine gets headroom.
      const ms = performance.now() - started;
      if (ms > 200) slow.push(`${JSON.stringify(css.slice(0, 24))}...: ${ms.toFixed(0)} ms`);
    }
    expect(slow).toEqual([]);
  });
});
