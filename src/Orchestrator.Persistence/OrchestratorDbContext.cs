using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Orchestrator.Persistence.Rows;

namespace Orchestrator.Persistence;

/// <summary>
/// The orchestrator's tables. Indexes follow the searches the API serves. One subclass per database carries its migrations.
/// The server's data protection keys (sign-in cookies) live here too, so that every node of a cluster reads the others' cookies.
/// </summary>
public abstract class OrchestratorDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ProcessDefinitionRow> ProcessDefinitions => Set<ProcessDefinitionRow>();
    public DbSet<FormRow> Forms => Set<FormRow>();
    public DbSet<DecisionRequirementsRow> DecisionRequirements => Set<DecisionRequirementsRow>();
    public DbSet<DecisionDefinitionRow> DecisionDefinitions => Set<DecisionDefinitionRow>();
    public DbSet<DecisionInstanceRow> DecisionInstances => Set<DecisionInstanceRow>();
    public DbSet<ProcessInstanceRow> ProcessInstances => Set<ProcessInstanceRow>();
    public DbSet<ElementInstanceRow> ElementInstances => Set<ElementInstanceRow>();
    public DbSet<VariableRow> Variables => Set<VariableRow>();
    public DbSet<JobRow> Jobs => Set<JobRow>();
    public DbSet<UserTaskRow> UserTasks => Set<UserTaskRow>();
    public DbSet<SubscriptionRow> Subscriptions => Set<SubscriptionRow>();
    public DbSet<MessageRow> Messages => Set<MessageRow>();
    public DbSet<IncidentRow> Incidents => Set<IncidentRow>();
    public DbSet<HistoryBlockRow> History => Set<HistoryBlockRow>();
    public DbSet<KeyBlockRow> KeyBlocks => Set<KeyBlockRow>();
    public DbSet<WebhookDeliveryRow> WebhookDeliveries => Set<WebhookDeliveryRow>();
    public DbSet<ClusterNodeRow> ClusterNodes => Set<ClusterNodeRow>();
    public DbSet<ChangeRow> Changes => Set<ChangeRow>();
    public DbSet<ClusterSettingRow> ClusterSettings => Set<ClusterSettingRow>();
    public DbSet<SlaEventRow> SlaEvents => Set<SlaEventRow>();
    public DbSet<EventOutboxRow> EventOutbox => Set<EventOutboxRow>();
    public DbSet<CaseFactRow> CaseFacts => Set<CaseFactRow>();
    public DbSet<TaskFactRow> TaskFacts => Set<TaskFactRow>();
    public DbSet<QualitySampleRow> QualitySamples => Set<QualitySampleRow>();
    public DbSet<BatchOperationRow> BatchOperations => Set<BatchOperationRow>();
    public DbSet<BatchOperationItemRow> BatchOperationItems => Set<BatchOperationItemRow>();
    public DbSet<CaseNoteRow> CaseNotes => Set<CaseNoteRow>();
    public DbSet<SignInFailureRow> SignInFailures => Set<SignInFailureRow>();
    public DbSet<RetiredVersionRow> RetiredVersions => Set<RetiredVersionRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Database.IsSqlite())
        {
            // SQLite cannot compare or sort DateTimeOffset text; epoch milliseconds sort and compare as numbers.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<EpochMillisecondsConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<ProcessDefinitionRow>(e =>
        {
            e.ToTable("process_definitions").HasKey(x => x.Key);
            e.Property(x => x.Key).ValueGeneratedNever();
            e.HasIndex(x => new { x.BpmnProcessId, x.Version }).IsUnique();
        });
        modelBuilder.Entity<FormRow>(e =>
        {
            e.ToTable("forms").HasKey(x => x.Key);
            e.Property(x => x.Key).ValueGeneratedNever();
            e.HasIndex(x => new { x.FormId, x.Version }).IsUnique();
        });
        modelBuilder.Entity<DecisionRequirementsRow>(e =>
        {
            e.ToTable("decision_requirements").HasKey(x => x.Key);
            e.Property(x => x.Key).ValueGeneratedNever();
            e.HasIndex(x => new { x.DecisionRequirementsId, x.Version }).IsUnique();
        });
        modelBuilder.Entity<DecisionDefinitionRow>(e =>
        {
            e.ToTable("decision_definitions").HasKey(x => x.Key);
            e.Property(x => x.Key).ValueGeneratedNever();
            e.HasIndex(x => new { x.DecisionId, x.Version }).IsUnique();
            e.HasIndex(x => x.DecisionRequirementsKey);
        });
        modelBuilder.Entity<DecisionInstanceRow>(e =>
        {
            e.ToTable("decision_instances").HasKey(x => x.Key);
            e.Property(x => x.Key).ValueGeneratedNever();
            e.HasIndex(x => x.InstanceId).IsUnique();
            e.HasIndex(x => x.EvaluationKey);
            e.HasIndex(x => x.ProcessInstanceKey);
            e.HasIndex(x => x.DecisionDefinitionKey);
            e.HasIndex(x => x.EvaluationDate);
        });
        modelBuilder.Entity<ProcessInstanceRow>(e =>
        {
            e.ToTable("process_instances").HasKey(x => x.Key);
            e.Property(x => x.Key).ValueGeneratedNever();
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasIndex(x => new { x.State, x.Key });
            e.HasIndex(x => new { x.BpmnProcessId, x.State });
            e.HasIndex(x => x.ProcessDefinitionKey);
            e.HasIndex(x => x.StartDate);
            e.HasIndex(x => x.ParentInstanceKey);
            e.HasIndex(x => new { x.BpmnProcessId, x.MessageCorrelationKey });
            UpdatedInPlace(e);
        });
        modelBuilder.Entity<ElementInstanceRow>(e =>
        {
            e.ToTable("element_instances").HasKey(x => x.Key);
            e.Property(x => x.Key).ValueGeneratedNever();
            e.HasIndex(x => x.ProcessInstanceKey);
            // No index holds the columns an element's end changes (State, EndDate), nor a job's activation and completion
            // (State, Worker, Deadline, Retries): PostgreSQL then updates those rows in place (HOT), without new index entries.
            e.HasIndex(x => new { x.BpmnProcessId, x.ElementId });
            UpdatedInPlace(e);
        });
        modelBuilder.Entity<VariableRow>(e =>
        {
            e.ToTable("variables").HasKey(x => new { x.ScopeKey, x.Name });
            e.HasIndex(x => x.Key).IsUnique();
            e.HasIndex(x => new { x.ProcessInstanceKey, x.Name });
        });
        modelBuilder.Entity<JobRow>(e =>
        {
            e.ToTable("jobs").HasKey(x => x.Key);
            e.Property(x => x.Key).ValueGeneratedNever();
            e.HasIndex(x => x.Type);
            e.HasIndex(x => x.ProcessInstanceKey);
            UpdatedInPlace(e);
        });
        modelBuilder.Entity<UserTaskRow>(e =>
        {
            e.ToTable("user_tasks").HasKey(x => x.Key);
            e.Property(x => x.Key).ValueGeneratedNever();
            e.HasIndex(x => new { x.State, x.DueDate });
            e.HasIndex(x => new { x.Assignee, x.State });
            e.HasIndex(x => x.ProcessInstanceKey);
        });
        modelBuilder.Entity<SubscriptionRow>(e =>
        {
            e.ToTable("subscriptions").HasKey(x => x.Key);
            e.Property(x => x.Key).ValueGeneratedNever();
            e.HasIndex(x => new { x.Kind, x.DueDate });
            e.HasIndex(x => new { x.Name, x.CorrelationKey });
        });
        modelBuilder.Entity<MessageRow>(e =>
        {
            e.ToTable("messages").HasKey(x => x.Key);
            e.Property(x => x.Key).ValueGeneratedNever();
            e.HasIndex(x => x.ExpiresAt);
            e.HasIndex(x => new { x.Name, x.CorrelationKey });
            e.HasIndex(x => x.MessageId);
        });
        modelBuilder.Entity<IncidentRow>(e =>
        {
            e.ToTable("incidents").HasKey(x => x.Key);
            e.Property(x => x.Key).ValueGeneratedNever();
            e.HasIndex(x => new { x.State, x.Key });
            e.HasIndex(x => x.ProcessInstanceKey);
        });
        modelBuilder.Entity<HistoryBlockRow>(e =>
        {
            // History is only ever read per instance in order: keyed that way it needs one index, not two (a third less work per block written).
            e.ToTable("history_blocks").HasKey(x => new { x.ProcessInstanceKey, x.Position });
            e.Property(x => x.Position).ValueGeneratedNever();
        });
        modelBuilder.Entity<KeyBlockRow>(e =>
        {
            e.ToTable("key_blocks").HasKey(x => x.NodeId);
            e.Property(x => x.NodeId).ValueGeneratedNever();
            e.Property(x => x.Next).IsConcurrencyToken();
        });
        modelBuilder.Entity<SlaEventRow>(e =>
        {
            e.ToTable("sla_events").HasKey(x => x.Id);
            e.HasIndex(x => new { x.SubjectKey, x.Event }).IsUnique();
            e.HasIndex(x => new { x.BpmnProcessId, x.Event, x.At });
            e.HasIndex(x => x.ProcessInstanceKey);
        });
        modelBuilder.Entity<ClusterNodeRow>(e =>
        {
            e.ToTable("cluster_nodes").HasKey(x => x.NodeId);
            e.Property(x => x.NodeId).ValueGeneratedNever();
        });
        modelBuilder.Entity<ChangeRow>(e =>
        {
            e.ToTable("changes").HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedOnAdd();
            e.HasIndex(x => x.At);
            e.HasIndex(x => x.Transaction);
        });
        modelBuilder.Entity<ClusterSettingRow>(e => e.ToTable("cluster_settings").HasKey(x => x.Name));
        modelBuilder.Entity<EventOutboxRow>(e =>
        {
            e.ToTable("event_outbox").HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
        });
        modelBuilder.Entity<DataProtectionKey>(e => e.ToTable("data_protection_keys"));
        modelBuilder.Entity<CaseFactRow>(e =>
        {
            // The reports read a time window and group by one column: the window indexes carry every column those reports read,
            // so a year's report is read from the index alone.
            e.ToTable("case_facts").HasKey(x => x.ProcessInstanceKey);
            e.Property(x => x.ProcessInstanceKey).ValueGeneratedNever();
            e.HasIndex(x => new
            {
                x.ResolvedAt, x.State, x.BpmnProcessId, x.Resolver, x.ResolverGroup, x.MaxTier, x.ResolvedDay, x.FirstResponseMinutes, x.ResolutionMinutes,
                x.FirstContact, x.ReopenedBy, x.Csat, x.Nps,
            }).HasDatabaseName("IX_case_facts_resolved_figures");
            e.HasIndex(x => new { x.StartedAt, x.BpmnProcessId, x.ReasonCode, x.Sku, x.Category, x.Carrier, x.Supplier, x.Country })
                .HasDatabaseName("IX_case_facts_opened_dimensions");
            e.HasIndex(x => x.State);
            e.HasIndex(x => new { x.OrderId, x.EndedAt });
        });
        modelBuilder.Entity<TaskFactRow>(e =>
        {
            e.ToTable("task_facts").HasKey(x => x.UserTaskKey);
            e.Property(x => x.UserTaskKey).ValueGeneratedNever();
            e.HasIndex(x => new { x.EndedAt, x.State, x.BpmnProcessId, x.Assignee, x.CandidateGroup, x.Tier, x.HandlingMinutes, x.Sla })
                .HasDatabaseName("IX_task_facts_ended_figures");
            e.HasIndex(x => x.ProcessInstanceKey);
        });
        modelBuilder.Entity<QualitySampleRow>(e =>
        {
            e.ToTable("quality_samples").HasKey(x => x.UserTaskKey);
            e.Property(x => x.UserTaskKey).ValueGeneratedNever();
            e.HasIndex(x => x.SampledAt);
            e.HasIndex(x => x.ReviewInstanceKey);
        });
        modelBuilder.Entity<BatchOperationRow>(e =>
        {
            e.ToTable("batch_operations").HasKey(x => x.Key);
            e.Property(x => x.Key).ValueGeneratedOnAdd();
            e.HasIndex(x => x.State);
        });
        modelBuilder.Entity<BatchOperationItemRow>(e =>
        {
            // The runner reads a batch's waiting items in instance order, a chunk at a time.
            e.ToTable("batch_operation_items").HasKey(x => new { x.BatchOperationKey, x.ProcessInstanceKey });
            e.HasIndex(x => new { x.BatchOperationKey, x.State, x.ProcessInstanceKey });
            e.HasIndex(x => x.ProcessInstanceKey);
        });
        modelBuilder.Entity<CaseNoteRow>(e =>
        {
            e.ToTable("case_notes").HasKey(x => x.Id);
            e.Property(x => x.Author).HasMaxLength(CaseNoteRow.MaxAuthorLength);
            e.Property(x => x.Text).HasMaxLength(CaseNoteRow.MaxTextLength);
            e.HasIndex(x => new { x.ProcessInstanceKey, x.CreatedAt });
        });
        modelBuilder.Entity<SignInFailureRow>(e => e.ToTable("sign_in_failures").HasKey(x => x.Key));
        modelBuilder.Entity<RetiredVersionRow>(e => e.ToTable("retired_versions").HasKey(x => new { x.Kind, x.Id, x.Version }));
        modelBuilder.Entity<WebhookDeliveryRow>(e =>
        {
            e.ToTable("webhook_deliveries").HasKey(x => x.Id);
            e.HasIndex(x => new { x.Path, x.DeliveryId }).IsUnique();
            e.HasIndex(x => new { x.Path, x.ContentHash }).IsUnique();
            e.HasIndex(x => x.State);
        });
    }

    /// <summary>
    /// Leaves a fifth of each page of a table the journal updates row by row free on PostgreSQL (fillfactor 80), so that an
    /// update finds room beside its row and is written in place (a heap-only tuple: no new entry in any index, no index to
    /// clean up after). Full pages made the element instances' and jobs' updates new tuples with an entry in every index.
    /// </summary>
    private void UpdatedInPlace<TRow>(EntityTypeBuilder<TRow> table)
        where TRow : class
    {
        if (Database.IsNpgsql())
        {
            table.HasStorageParameter("fillfactor", 80);
        }
    }
}
