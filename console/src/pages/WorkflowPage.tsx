import { useQuery } from "../api/use-query";
import { ErrorList } from "../components/ErrorList";
import { words } from "../components/format";
import { MermaidDiagram } from "../components/MermaidDiagram";
import { WorkflowPageDocument } from "../generated/graphql";

/** The whole ticket machine drawn, and every transition listed with its guard as the API names it. */
export default function WorkflowPage() {
  const result = useQuery(WorkflowPageDocument, {});
  const workflow = result.data?.ticketWorkflow;
  return (
    <>
      <h1>Workflow</h1>
      <ErrorList errors={result.errors} />
      {workflow ? (
        <>
          <p>
            Machine version {workflow.version}: {workflow.states.length} states, {workflow.events.length} events, {workflow.transitions.length} transitions.
          </p>
          <section className="panel" aria-labelledby="machine">
            <h2 id="machine">The machine</h2>
            <MermaidDiagram text={workflow.mermaid} label="The ticket workflow state machine" />
          </section>
          <section className="panel" aria-labelledby="transitions">
            <h2 id="transitions">Transitions</h2>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Every transition of the ticket machine</caption>
                <thead>
                  <tr>
                    <th scope="col">From</th>
                    <th scope="col">Event</th>
                    <th scope="col">To</th>
                    <th scope="col">Guard</th>
                    <th scope="col">Kind</th>
                  </tr>
                </thead>
                <tbody>
                  {workflow.transitions.map((transition) => (
                    <tr key={`${transition.from}|${transition.event}|${transition.to}|${transition.guard ?? ""}`} data-event={transition.event} data-from={transition.from}>
                      <td>{transition.from}</td>
                      <td>{words(transition.event)}</td>
                      <td>{transition.to}</td>
                      <td data-testid="guard">{transition.guard ? <code>{transition.guard}</code> : "-"}</td>
                      <td>{[transition.system ? "system" : "agent", ...(transition.internal ? ["internal"] : [])].join(", ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      ) : null}
    </>
  );
}
