import { describe, expect, it } from "vitest";
import { incidentPostContent } from "../../../src/customers/incident-post-content";

describe("incidentPostContent", () => {
  it("keeps Microsoft's formatting and drops scripts, handlers, styles and unsafe links", () => {
    const raw = `<p style="color:red" onclick="x()">Title: <b>Mail</b> delayed</p><script>steal()</script><style>p{}</style>
      <ul><li>Exchange</li><li>Outlook</li></ul><a href="javascript:alert(1)">bad</a> <a href="https://status.example/x">status</a>
      <img src=x onerror=alert(1)><iframe src="https://evil.example"></iframe>`;
    const { html, text } = incidentPostContent(raw);
    expect(html).not.toMatch(/script|steal|style|onclick|onerror|javascript:|<img|<iframe/i);
    expect(html).toContain("<p>Title: <b>Mail</b> delayed</p>");
    expect(html).toContain('<a href="https://status.example/x" target="_blank" rel="noopener noreferrer nofollow">status</a>');
    expect(html).toContain("<a target=\"_blank\" rel=\"noopener noreferrer nofollow\">bad</a>");
    expect(text).toBe("Title: Mail delayed\nExchange\nOutlook\nbad status");
  });

  it("decodes entities in the text and keeps them escaped in the HTML", () => {
    const { html, text } = incidentPostContent("<p>Users &amp; admins see &lt;error&gt; &quot;0x80&quot;</p><p>Next&nbsp;update: 10:00</p>");
    expect(html).toBe("<p>Users &amp; admins see &lt;error&gt; \"0x80\"</p><p>Next\u00a0update: 10:00</p>");
    expect(text).toBe('Users & admins see <error> "0x80"\nNext update: 10:00');
  });

  it("answers empty strings for empty content", () => {
    expect(incidentPostContent("")).toEqual({ html: "", text: "" });
  });
});
