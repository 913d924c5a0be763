import { Alert } from '../../modules/alerts/alert.entity.js';
import { experimentEntities } from '../../modules/experiments/experiments.module.js';
import { abTestEntities } from '../../modules/abtests/abtests.module.js';
import { predictionEntities } from '../../modules/predictions/predictions.module.js';
import { arenaEntities } from '../../modules/arena/arena.module.js';
import { AuditEvent } from '../../modules/audit/audit-event.entity.js';
import { EvaluationPack } from '../../modules/evaluation/evaluation-pack.entity.js';
import { EvaluationPackVersion } from '../../modules/evaluation/evaluation-pack-version.entity.js';
import { EvaluationResult } from '../../modules/evaluation/evaluation-result.entity.js';
import { PackAttachment } from '../../modules/evaluation/pack-attachment.entity.js';
import { Model } from '../../modules/models/model.entity.js';
import { MonitorSnapshot } from '../../modules/monitoring/monitor-snapshot.entity.js';
import { ReferenceProfile } from '../../modules/monitoring/reference-profile.entity.js';
import { Recipe } from '../../modules/recipes/recipe.entity.js';
import { RecipeVersion } from '../../modules/recipes/recipe-version.entity.js';
import { SyntheticExample } from '../../modules/recipes/synthetic-example.entity.js';
import { BacktestWindow, RunArtifact, RunLogLine, RunMetricPoint } from '../../modules/runs/run-detail.entities.js';
import { Run } from '../../modules/runs/run.entity.js';
import { RetrainingEvent, Schedule } from '../../modules/schedules/schedule.entity.js';
import { Workspace } from '../../modules/workspaces/workspace.entity.js';
import { identityEntities } from '../../modules/identity/identity.module.js';

export const entities = [
  Workspace,
  Recipe,
  RecipeVersion,
  SyntheticExample,
  EvaluationPack,
  EvaluationPackVersion,
  PackAttachment,
  Model,
  Run,
  RunMetricPoint,
  RunArtifact,
  RunLogLine,
  BacktestWindow,
  Schedule,
  RetrainingEvent,
  EvaluationResult,
  MonitorSnapshot,
  ReferenceProfile,
  Alert,
  AuditEvent,
  ...arenaEntities,
  ...experimentEntities,
  ...abTestEntities,
  ...predictionEntities,
  ...identityEntities,
];
