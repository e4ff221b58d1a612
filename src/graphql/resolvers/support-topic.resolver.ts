import { Arg, Authorized, Ctx, Query, Resolver } from "type-graphql";
import { rolesFor } from "../../auth/access-matrix";
import type { Product } from "../../cloud/cloud-types";
import type { GraphQLContext } from "../context";
import { SupportTopic } from "../types/customer.types";
import { ProductEnum } from "../types/enums";

@Resolver()
export class SupportTopicResolver {
  @Authorized(rolesFor("Query.supportTopics"))
  @Query(() => [SupportTopic], { description: "Topics a service request can be filed under." })
  async supportTopics(
    @Arg("product", () => ProductEnum, { nullable: true }) product: Product | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SupportTopic[]> {
    const topics = await ctx.reads.supportTopics();
    return product == null ? topics : topics.filter((topic) => topic.product === product);
  }
}
