/** Load-balancer affinity: code that asks the load balancer to pin each client to one instance. */
import { sourceMaker, type LibraryFamily } from './family.js';
import type { StateSource } from './types.js';

const affinity = sourceMaker('sticky-sessions', 'affinity');

/** CDK target groups: stickiness is on when `stickinessCookieDuration` is set (construct props are the third argument). */
const CDK_TARGET_GROUP: Partial<StateSource> = { optionsArgument: 2, activeWhen: 'stickinessCookieDuration' };
/** Terraform (CDKTF, Pulumi): a `stickiness` block is on unless it says `enabled: false` (the provider's default is true). */
const TERRAFORM_STICKINESS: Partial<StateSource> = { activeWhen: 'stickiness', switchedOffBy: 'enabled' };

export const AFFINITY: LibraryFamily = {
  sources: [
    affinity('@aws-cdk', 'addTargets', 'CDK listener addTargets', { method: true, optionsArgument: 1, activeWhen: 'stickinessCookieDuration' }),
    affinity('@aws-cdk', 'enableCookieStickiness', 'CDK enableCookieStickiness', { method: true }),
    affinity('@aws-cdk', 'setAttribute', "CDK target group attribute 'stickiness.enabled'", { method: true, whenArguments: ['stickiness.enabled', 'true'] }),
    affinity('@aws-cdk/aws-elasticloadbalancingv2', 'ApplicationTargetGroup', 'CDK ApplicationTargetGroup', CDK_TARGET_GROUP),
    affinity('@cdktf/provider-aws', 'albTargetGroup.AlbTargetGroup', 'CDKTF AlbTargetGroup', { optionsArgument: 2, ...TERRAFORM_STICKINESS }),
    affinity('@cdktf/provider-aws', 'lbTargetGroup.LbTargetGroup', 'CDKTF LbTargetGroup', { optionsArgument: 2, ...TERRAFORM_STICKINESS }),
    affinity('@cdktf/provider-aws/lib/alb-target-group', 'AlbTargetGroup', 'CDKTF AlbTargetGroup', { optionsArgument: 2, ...TERRAFORM_STICKINESS }),
    affinity('@cdktf/provider-aws/lib/lb-target-group', 'LbTargetGroup', 'CDKTF LbTargetGroup', { optionsArgument: 2, ...TERRAFORM_STICKINESS }),
    affinity('@pulumi/aws', 'alb.TargetGroup', 'Pulumi aws.alb.TargetGroup', { optionsArgument: 1, ...TERRAFORM_STICKINESS }),
    affinity('@pulumi/aws', 'lb.TargetGroup', 'Pulumi aws.lb.TargetGroup', { optionsArgument: 1, ...TERRAFORM_STICKINESS }),
    affinity('@pulumi/awsx', 'createTargetGroup', 'Pulumi awsx createTargetGroup', { method: true, optionsArgument: 1, ...TERRAFORM_STICKINESS }),
    affinity('@socket.io/sticky', 'setupMaster', '@socket.io/sticky setupMaster'),
    affinity('@socket.io/sticky', 'setupWorker', '@socket.io/sticky setupWorker'),
    affinity('aws-cdk-lib', 'addTargets', 'CDK listener addTargets', { method: true, optionsArgument: 1, activeWhen: 'stickinessCookieDuration' }),
    affinity('aws-cdk-lib', 'aws_elasticloadbalancingv2.ApplicationTargetGroup', 'CDK ApplicationTargetGroup', CDK_TARGET_GROUP),
    affinity('aws-cdk-lib', 'enableCookieStickiness', 'CDK enableCookieStickiness', { method: true }),
    affinity('aws-cdk-lib', 'setAttribute', "CDK target group attribute 'stickiness.enabled'", { method: true, whenArguments: ['stickiness.enabled', 'true'] }),
    affinity('aws-cdk-lib/aws-elasticloadbalancingv2', 'ApplicationTargetGroup', 'CDK ApplicationTargetGroup', CDK_TARGET_GROUP),
    affinity('sticky-session', 'listen', 'sticky-session'),
  ],
  stores: [],
};
