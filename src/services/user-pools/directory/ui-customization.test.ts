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
