import { Field, Int, ObjectType, type ClassType } from "type-graphql";
import { PageInfo } from "./page-info.type";

/** The shape of a Relay connection of `TNode` (CONTRACT.md: edges, pageInfo, totalCount). */
export interface ConnectionShape<TNode> {
  edges: { cursor: string; node: TNode }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Declares `<Name>Edge` and `<Name>Connection` object types for a node type, so every list that
 * can grow without bound pages the same way.
 */
export function connectionType<TNode extends object>(name: string, nodeType: ClassType<TNode>): ClassType<ConnectionShape<TNode>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor: string;

    @Field(() => nodeType)
    node: TNode;
  }

  @ObjectType(`${name}Connection`)
  class Connection implements ConnectionShape<TNode> {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int)
    totalCount: number;
  }
  return Connection;
}
