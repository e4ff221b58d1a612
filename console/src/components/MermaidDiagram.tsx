import { useEffect, useId, useState } from "react";

/**
 * Renders Mermaid text in the browser. mermaid (about 1 MB) is imported on first use only, so the
 * console's initial bundle stays small; securityLevel "strict" keeps labels as text.
 */
export function MermaidDiagram({ text, label }: { text: string; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = `mermaid-${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const mermaid = (await import("mermaid")).default;
        mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "default", fontFamily: "system-ui, sans-serif" });
        const rendered = await mermaid.render(id, text);
        if (!cancelled) setSvg(rendered.svg);
      } catch (failure) {
        if (!cancelled) setError(failure instanceof Error ? failure.message : String(failure));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [text, id]);
  if (error) return <p className="error" role="alert">The diagram could not be drawn: {error}</p>;
  if (svg === null) return <p role="status">Drawing the diagram...</p>;
  return <figure className="diagram" role="img" aria-label={label} data-testid="statechart" dangerouslySetInnerHTML={{ __html: svg }} />;
}
