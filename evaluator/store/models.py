"""What the results store keeps: rounds, organizations, projects, and every scored form as a versioned
evaluation with its scores, ratings and self-organizations.

One name per concept: `Organization` is the implementing organization (执行机构, `project.organization`
on the form); the residents' own groups are `SelfOrganization` (自组织), followed across rounds by name.
The web platform adds its own apps whose models point at these; nothing here knows about the web.

An `Evaluation` is one scored form: the same form scored by the same rubric (source sha256 + rubric
sha256) is stored once, a new form for the same project, round and evaluation type is the next
`version`, and exactly one version of each is `latest`. It keeps the full result JSON, and the score
tables that comparisons read without parsing it.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

EVALUATION_TYPES = [("self", "自评"), ("midterm", "中期"), ("final", "终期")]
MODES = [("evaluation", "评估"), ("self_assessment", "自评")]
STATUSES = [("scored", "已评分"), ("missing", "缺少证据"), ("not_applicable", "不适用")]


class Round(models.Model):
    """届次: a funding round, named as on the forms ("2024-第三届微公益创投")."""

    name = models.TextField(unique=True)
    rubric_id = models.TextField(blank=True, default="")        # set by the platform's admin; the CLI leaves them
    rubric_version = models.TextField(blank=True, default="")
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    """执行机构: the organization that runs projects, matched by its name with width, spaces and case ignored."""

    key = models.TextField(unique=True)
    name = models.TextField()

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    """A project is its code (项目编号); the other fields follow the latest form ingested that gives them."""

    code = models.TextField(unique=True)
    name = models.TextField()
    community = models.TextField(blank=True, default="")
    street = models.TextField(blank=True, default="")
    district = models.TextField(blank=True, default="")
    funder = models.TextField(blank=True, default="")
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="projects")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Evaluation(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="evaluations")
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="evaluations")
    evaluation_type = models.CharField(max_length=16, choices=EVALUATION_TYPES)
    version = models.PositiveIntegerField()          # 1, 2, … per project, round and evaluation type
    latest = models.BooleanField()                   # the highest version: the one comparisons use
    mode = models.CharField(max_length=16, choices=MODES)
    schema = models.CharField(max_length=64)         # the result's schema, e.g. evaluator.result/1
    source_file = models.TextField()
    source_sha256 = models.CharField(max_length=64)
    rubric_id = models.TextField()
    rubric_version = models.TextField()
    rubric_sha256 = models.CharField(max_length=64)
    # the project as the form described it (the Project row holds the latest of these)
    project_name = models.TextField()
    organization_name = models.TextField(null=True, blank=True)
    community = models.TextField(null=True, blank=True)
    street = models.TextField(null=True, blank=True)
    district = models.TextField(null=True, blank=True)
    funder = models.TextField(null=True, blank=True)
    evaluation_date = models.DateField(null=True, blank=True)
    total_points = models.FloatField()
    total_max = models.FloatField()
    grade_id = models.TextField()
    grade_zh = models.TextField()
    grade_en = models.TextField()
    provisional = models.BooleanField()
    red_lines = models.PositiveIntegerField()
    result = models.JSONField()                      # the full result, traces included
    ingested_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source_sha256", "rubric_sha256"], name="evaluation_once_per_form_and_rubric"),
            models.UniqueConstraint(fields=["project", "round", "evaluation_type", "version"], name="evaluation_version"),
            models.UniqueConstraint(fields=["project", "round", "evaluation_type"], condition=Q(latest=True),
                                    name="evaluation_one_latest"),
        ]
        indexes = [models.Index(fields=["round", "evaluation_type", "latest"], name="evaluation_by_round")]

    def __str__(self) -> str:
        return f"{self.project_id} {self.round_id} {self.evaluation_type} v{self.version}"


class DomainScore(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="domain_scores")
    position = models.PositiveIntegerField()
    domain_id = models.TextField()
    name_zh = models.TextField()
    name_en = models.TextField()
    points = models.FloatField()
    max = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluation", "domain_id"], name="domain_score_once")]


class IndicatorScore(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="indicator_scores")
    position = models.PositiveIntegerField()
    indicator_id = models.TextField()
    domain_id = models.TextField()
    name_zh = models.TextField()
    name_en = models.TextField()
    points = models.FloatField()
    max = models.FloatField()
    status = models.CharField(max_length=16, choices=STATUSES)
    level = models.PositiveSmallIntegerField(null=True)
    self_points = models.FloatField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluation", "indicator_id"], name="indicator_score_once")]


class Rating(models.Model):
    """One rater's level for an indicator (自评, 评估员A/B, 共识, 居民代表, 社区两委 …), official or not."""

    indicator_score = models.ForeignKey(IndicatorScore, on_delete=models.CASCADE, related_name="ratings")
    rater = models.TextField()
    level = models.PositiveSmallIntegerField(null=True)
    cell = models.TextField(null=True)


class SelfOrganization(models.Model):
    """自组织: a residents' group of a project, followed across rounds by its normalized name."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="self_organizations")
    key = models.TextField()
    name = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "key"], name="self_organization_once")]


class SelfOrganizationStage(models.Model):
    """A roster row of an evaluation: the group (None for a row without a name) and its maturity stage."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="self_organization_stages")
    row = models.PositiveIntegerField()
    self_organization = models.ForeignKey(SelfOrganization, null=True, on_delete=models.PROTECT,
                                          related_name="stages")
    name = models.TextField()
    stage = models.PositiveSmallIntegerField()
    stage_zh = models.TextField(null=True)
    stage_en = models.TextField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluation", "row"], name="self_organization_stage_once")]


class StageCount(models.Model):
    """How many self-organizations of an evaluation stand at each stage of the ladder."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="stage_counts")
    stage = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluation", "stage"], name="stage_count_once")]
