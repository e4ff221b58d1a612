import type { ApiError } from "../api/graphql-client";

/** Errors as the API gave them: the stable code, the message and, for partial data, the path. */
export function ErrorList({ errors }: { errors: readonly ApiError[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="errors" role="alert">
      {errors.map((error, index) => (
        <p key={index} className="error">
          <code className="error-code">{error.code}</code> {error.message}
          {error.path.length > 0 ? <span className="error-path"> (at {error.path.join(".")})</span> : null}
        </p>
      ))}
    </div>
  );
}
