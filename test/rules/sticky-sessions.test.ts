import { testRule } from '../helpers/rule-tester.js';

testRule('sticky-sessions', {
  valid: [
    { name: 'a stickiness method in a file that does not import the CDK', code: ['declare const group: any;', 'group.enableCookieStickiness(3600);'] },
  ],
  invalid: [
    {
      name: 'a stickiness block whose switch is not a literal, with medium confidence',
      code: [
        "import * as aws from '@pulumi/aws';",
        'const sticky = process.env.STICKY === "1";',
        "export const web = new aws.lb.TargetGroup('web', { port: 80, stickiness: { type: 'lb_cookie', enabled: sticky } });",
      ],
      findings: [{ line: 3, instanceLocal: true, confidence: 'medium' }],
    },
    {
      name: 'CDK v1 and the aws-cdk-lib namespace import',
      code: [
        "import * as elbv2 from '@aws-cdk/aws-elasticloadbalancingv2';",
        "import { aws_elasticloadbalancingv2 as elb, Duration } from 'aws-cdk-lib';",
        'declare const stack: any, vpc: any;',
        "new elbv2.ApplicationTargetGroup(stack, 'V1', { vpc, stickinessCookieDuration: Duration.hours(1) });",
        "new elb.ApplicationTargetGroup(stack, 'V2', { vpc, stickinessCookieDuration: Duration.hours(1) });",
        "new elb.ApplicationTargetGroup(stack, 'Off', { vpc, stickinessCookieDuration: undefined });",
      ],
      findings: [
        { line: 4, instanceLocal: true, confidence: 'high' },
        { line: 5, instanceLocal: true, confidence: 'high' },
      ],
    },
    {
      name: 'a stickiness method in a file that imports the CDK, only with stickiness on',
      code: [
        "import { Duration } from 'aws-cdk-lib';",
        'declare const group: any;',
        "group.setAttribute('stickiness.enabled', 'false');",
        'group.enableCookieStickiness(Duration.hours(1));',
      ],
      findings: [{ line: 4, instanceLocal: true, confidence: 'high' }],
    },
    {
      name: 'CDK for Terraform through the provider namespace',
      code: [
        "import { lbTargetGroup } from '@cdktf/provider-aws';",
        'declare const stack: any;',
        "new lbTargetGroup.LbTargetGroup(stack, 'web', { port: 80, stickiness: { type: 'lb_cookie', enabled: true } });",
        "new lbTargetGroup.LbTargetGroup(stack, 'api', { port: 80 });",
      ],
      findings: [{ line: 3, instanceLocal: true, confidence: 'high' }],
    },
    {
      name: 'the stickiness block of a Pulumi awsx createTargetGroup call',
      code: [
        "import * as awsx from '@pulumi/awsx/classic';",
        "const lb = new awsx.lb.ApplicationLoadBalancer('collab', {});",
        "export const collab = lb.createTargetGroup('collab', { port: 80, stickiness: { enabled: true, type: 'lb_cookie' } });",
        "export const api = lb.createTargetGroup('api', { port: 8080 });",
      ],
      findings: [{ line: 3, instanceLocal: true, confidence: 'high' }],
    },
  ],
});
