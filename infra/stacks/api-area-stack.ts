/**
 * The functions and routes of one area (`tag` of the route table) in a nested stack, so the parent
 * stays far from CloudFormation's 500-resource limit however many routes later issues add.
 *
 * Cost of one route here: Function + LogGroup + Lambda Permission + Integration + Route = 5 resources.
 * Roles: ONE execution role per table-access level (RO / RW / NONE) per area, not one per function.
 * A per-function role would add a Role and a Policy to every route (7 instead of 5) while granting
 * exactly the same permissions: the only permission that differs between functions is the table
 * access, and that is what the role is keyed by. The shared role carries no managed policy: write
 * access to the area's own log groups, X-Ray, and `grantReadData` / `grantReadWriteData` only.
 * A route whose entry `uses` SNS or the Scheduler gets a role of its own (keyed by access + uses),
 * so those grants never reach the functions that do not need them.
 */
import { NestedStack, type NestedStackProps, Validations } from 'aws-cdk-lib';
import {
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  type IHttpApi,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { Route, ServiceUse, TableAccess } from '../../shared/routes.js';
import { ApiFunction, acknowledgeFunctionFindings } from '../constructs/api-function.js';
import type { Messaging } from '../constructs/messaging.js';

export interface ApiAreaStackProps extends NestedStackProps {
  readonly area: string;
  readonly routes: readonly Route[];
  readonly httpApi: IHttpApi;
  readonly authorizer: IHttpRouteAuthorizer;
  readonly table: ITableV2;
  /** Directory of the bundled code of a function (`incidents/create-incident` → its asset dir). */
  readonly assetDir: (handler: string) => string;
  /** Extra environment of every function (claim names of an external OIDC issuer). */
  readonly environment: Readonly<Record<string, string>>;
  /** SNS / Scheduler grants and environment for the routes whose entry `uses` them. */
  readonly messaging: Messaging;
}

const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export class ApiAreaStack extends NestedStack {
  /** operationId → function. */
  readonly functions = new Map<string, ApiFunction>();
  /** `RW`, `RO`, `NONE`, or with the services used: `RW+scheduler+sns` → role. */
  readonly roles = new Map<string, { readonly access: TableAccess; readonly role: iam.Role }>();

  constructor(scope: Construct, id: string, props: ApiAreaStackProps) {
    super(scope, id, { description: `Liaison API: ${props.area}`, ...props });
    const noAuth = new HttpNoneAuthorizer();

    for (const route of props.routes) {
      const role = this.roleFor(route.table, route.uses ?? [], props.area, route.tableItems);
      const fn = new ApiFunction(this, pascal(route.id), {
        assetDir: props.assetDir(route.handler),
        description: `${route.method} ${route.path}: ${route.summary}`.slice(0, 256),
        role,
        environment: props.environment,
      });
      if (route.tableItems) {
        fn.bindTableItems(props.table, route.table, route.tableItems, route.tableQuery === true);
      } else fn.bindTable(props.table, route.table);
      props.messaging.bind(fn.function, role, route.uses);
      this.functions.set(route.id, fn);

      new HttpRoute(this, `${pascal(route.id)}Route`, {
        httpApi: props.httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(`${pascal(route.id)}Integration`, fn.function),
        authorizer: route.roles === 'public' ? noAuth : props.authorizer,
      });
      if (route.roles === 'public') {
        Validations.of(this.node.findChild(`${pascal(route.id)}Route`)).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by design (roles: 'public' in shared/routes.ts).`,
        });
      }
    }
    for (const { access, role } of this.roles.values())
      acknowledgeFunctionFindings(role, access, props.table);
  }

  /**
   * One role per table access AND set of services used: a route that publishes or schedules never
   * shares its role with one that does not. Routes without `uses` keep the ids `RoleRW` … .
   */
  private roleFor(
    access: TableAccess,
    uses: readonly ServiceUse[],
    area: string,
    items?: readonly string[],
  ): iam.Role {
    const services = [...new Set(uses)].sort();
    // A route with fine-grained table access (`tableItems`) never shares a table-wide role.
    const scope = items ? `items:${[...items].sort().join(',')}` : undefined;
    const key = [access, ...services, ...(scope ? [scope] : [])].join('+');
    let entry = this.roles.get(key);
    if (!entry) {
      const role = new iam.Role(
        this,
        `Role${access}${services.map(pascal).join('')}${scope ? 'Items' : ''}`,
        {
          assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
          description:
            `Liaison ${area} functions with ${access} table access` +
            (scope ? ` to items ${items?.join(', ')} only` : '') +
            (services.length > 0 ? ` using ${services.join(', ')}` : ''),
        },
      );
      entry = { access, role };
      this.roles.set(key, entry);
    }
    return entry.role;
  }
}
