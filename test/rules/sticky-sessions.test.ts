import { describe, expect, it } from 'vitest';
import { linesOf, source } from './lines.js';

describe('sticky-sessions', () => {
  it('reports a stickiness block whose switch is not a literal with medium confidence', () => {
    const text = source(
      "import * as aws from '@pulumi/aws';",
      'const sticky = process.env.STICKY === "1";',
      "export const web = new aws.lb.TargetGroup('web', { port: 80, stickiness: { type: 'lb_cookie', enabled: sticky } });",
    );
    expect(linesOf(text)).toEqual(['3 sticky-sessions Y medium']);
  });

  it('reads CDK v1 and the aws-cdk-lib namespace import', () => {
    const text = source(
      "import * as elbv2 from '@aws-cdk/aws-elasticloadbalancingv2';",
      "import { aws_elasticloadbalancingv2 as elb, Duration } from 'aws-cdk-lib';",
      "declare const stack: any, vpc: any;",
      "new elbv2.ApplicationTargetGroup(stack, 'V1', { vpc, stickinessCookieDuration: Duration.hours(1) });",
      "new elb.ApplicationTargetGroup(stack, 'V2', { vpc, stickinessCookieDuration: Duration.hours(1) });",
      "new elb.ApplicationTargetGroup(stack, 'Off', { vpc, stickinessCookieDuration: undefined });",
    );
    expect(linesOf(text)).toEqual(['4 sticky-sessions Y high', '5 sticky-sessions Y high']);
  });

  it('matches stickiness methods only in files that import the CDK, and only with stickiness on', () => {
    const withoutCdk = source('declare const group: any;', 'group.enableCookieStickiness(3600);');
    expect(linesOf(withoutCdk)).toEqual([]);
    const withCdk = source(
      "import { Duration } from 'aws-cdk-lib';",
      'declare const group: any;',
      "group.setAttribute('stickiness.enabled', 'false');",
      'group.enableCookieStickiness(Duration.hours(1));',
    );
    expect(linesOf(withCdk)).toEqual(['4 sticky-sessions Y high']);
  });

  it('reports CDK for Terraform through the provider namespace', () => {
    const text = source(
      "import { lbTargetGroup } from '@cdktf/provider-aws';",
      'declare const stack: any;',
      "new lbTargetGroup.LbTargetGroup(stack, 'web', { port: 80, stickiness: { type: 'lb_cookie', enabled: true } });",
      "new lbTargetGroup.LbTargetGroup(stack, 'api', { port: 80 });",
    );
    expect(linesOf(text)).toEqual(['3 sticky-sessions Y high']);
  });

  it('reads the stickiness block of a Pulumi awsx createTargetGroup call', () => {
    const text = source(
      "import * as awsx from '@pulumi/awsx/classic';",
      "const lb = new awsx.lb.ApplicationLoadBalancer('collab', {});",
      "export const collab = lb.createTargetGroup('collab', { port: 80, stickiness: { enabled: true, type: 'lb_cookie' } });",
      "export const api = lb.createTargetGroup('api', { port: 8080 });",
    );
    expect(linesOf(text)).toEqual(['3 sticky-sessions Y high']);
  });
});
