import { useState } from "react";
import { Navigate, useParams, useSearchParams } from "react-router-dom";
import { useQuery } from "../api/use-query";
import { ErrorList } from "../components/ErrorList";
import { formatTime, htmlToText, words } from "../components/format";
import { Pager, usePager } from "../components/Pager";
import { CustomerNameDocument, CustomersPageDocument } from "../generated/graphql";

/**
 * Every customer with delegated access and its expiry, worst service status, active incidents
 * (posts as text), subscriptions and admin-portal links. A field the gateway cannot read for a
 * tenant comes back null with an error at its path: shown on that customer as unreadable.
 */
export function CustomersPage() {
  const [params] = useSearchParams();
  const [search, setSearch] = useState(params.get("search") ?? "");
  const pager = usePager();
  const result = useQuery(CustomersPageDocument, { first: 10, after: pager.after, search: search.trim() || null });
  const errorsAt = (index: number, field: string) => result.errors.filter((error) => error.path[0] === "customers" && error.path[2] === index && error.path[4] === field);
  const unplaced = result.errors.filter((error) => error.path.length < 5);
  const edges = result.data?.customers.edges ?? [];
  return (
    <>
      <h1>Customers</h1>
      <div className="toolbar">
        <label>
          Search <input type="search" value={search} onChange={(event) => (setSearch(event.target.value), pager.reset())} placeholder="name or domain" />
        </label>
      </div>
      <ErrorList errors={unplaced} />
      <div className="cards">
        {edges.map(({ node }, index) => {
          const unreadable = (field: string) => {
            const errors = errorsAt(index, field);
            return errors.length > 0 ? (
              <p className="unreadable">
                Unreadable: <code className="error-code">{errors[0]!.code}</code> {errors[0]!.message}
              </p>
            ) : null;
          };
          return (
            <article key={node.id} className="panel customer" aria-labelledby={`customer-${index}`}>
              <h2 id={`customer-${index}`}>{node.name}</h2>
              <p className="muted">
                {node.defaultDomain ?? "-"} - tenant {node.id}
              </p>
              <dl className="facts">
                <dt>Delegated access</dt>
                <dd>
                  <span className={`access access-${node.delegatedAccess.status.toLowerCase()}`}>{words(node.delegatedAccess.status)}</span>
                  {node.delegatedAccess.endsAt ? ` until ${formatTime(node.delegatedAccess.endsAt)}` : ""}
                </dd>
                <dt>Service health</dt>
                <dd>{node.healthSummary ? `${words(node.healthSummary.worstStatus)}, ${node.healthSummary.activeIncidentCount} active incidents` : "unreadable"}</dd>
              </dl>
              {unreadable("healthSummary")}
              <details>
                <summary>Active incidents ({node.incidents?.length ?? "unreadable"})</summary>
                {unreadable("incidents")}
                <ul>
                  {node.incidents?.map((incident) => (
                    <li key={incident.id}>
                      <strong>
                        {incident.id} {incident.title}
                      </strong>{" "}
                      ({incident.service}, {words(incident.status)}, since {formatTime(incident.startDateTime)})
                      {incident.posts.map((post, postIndex) => (
                        <blockquote key={postIndex}>
                          <p className="muted">
                            {post.postType}, {formatTime(post.createdAt)}
                          </p>
                          <p className="post">{htmlToText(post.content)}</p>
                        </blockquote>
                      ))}
                    </li>
                  ))}
                </ul>
              </details>
              <details>
                <summary>Subscriptions ({node.subscriptions?.length ?? "unreadable"})</summary>
                {unreadable("subscriptions")}
                <ul>
                  {node.subscriptions?.map((subscription) => (
                    <li key={subscription.id}>
                      {subscription.friendlyName ?? subscription.offerName}: {subscription.quantity} ({words(subscription.status)})
                    </li>
                  ))}
                </ul>
              </details>
              <p className="links">
                {node.adminPortals.map((portal) => (
                  <a key={portal.url} href={portal.url} target="_blank" rel="noreferrer noopener">
                    {portal.name}
                  </a>
                ))}
              </p>
            </article>
          );
        })}
      </div>
      {result.data ? (
        <Pager label="Customers" page={pager.page} hasNextPage={result.data.customers.pageInfo.hasNextPage} totalCount={result.data.customers.totalCount} onNext={() => pager.next(result.data?.customers.pageInfo.endCursor)} onPrevious={pager.previous} />
      ) : null}
    </>
  );
}

/** `/customers/<tenant id>`, as alerts link a customer: the customers page searched for its name. */
export function CustomerLink() {
  const { id = "" } = useParams();
  const result = useQuery(CustomerNameDocument, { id });
  if (result.loading) return <p role="status">Loading...</p>;
  const name = result.data?.customer?.name;
  if (!name) {
    return (
      <>
        <h1>Customer {id}</h1>
        <ErrorList errors={result.errors} />
        {result.errors.length === 0 ? <p>No such customer.</p> : null}
      </>
    );
  }
  return <Navigate to={`/customers?search=${encodeURIComponent(name)}`} replace />;
}
