using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>
/// Operations at scale: an operator retries or cancels every instance a filter matches as one batch and follows its progress
/// (the list never goes back to a search the operator moved on from),
/// retries incidents grouped by cause (refreshed on their own; a group not again while its retry runs), adds a variable (not one
/// of a name just added), finds no changes offered on a finished instance, on a phone and in Chinese.
/// </summary>
[Collection(ProductTests.Name)]
public sealed class BatchOperationsTests(ProductServer product)
{
    private const string Process = "e2e-batch";

    [Fact]
    public async Task An_operator_retries_the_incidents_of_every_matching_instance_as_a_batch()
    {
        var prefix = Prefix("RET");
        var instances = await StuckAsync(prefix, 3, "carrier API down (503)");

        await product.AsUserAsync("oscar", nameof(An_operator_retries_the_incidents_of_every_matching_instance_as_a_batch), async page =>
        {
            await page.GotoAsync($"{product.Address}#/operations?businessKey={prefix}&incidents=true");
            await Assertions.Expect(page.GetByTestId("instance-row")).ToHaveCountAsync(3);
            await Assertions.Expect(page.GetByTestId("instance-row").First).ToContainTextAsync(prefix);
            await Assertions.Expect(page.GetByTestId("instance-row").First).ToContainTextAsync("Batch label");

            await page.GetByRole(AriaRole.Button, new() { Name = "Retry incidents" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Retry the incidents of 3 instances?")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

            var progress = page.GetByRole(AriaRole.Region, new() { Name = "Batch operation" });
            await Assertions.Expect(progress.GetByTestId("batch-state")).ToContainTextAsync("Done", new() { Timeout = 15_000 });
            await Assertions.Expect(progress).ToContainTextAsync("3 of 3 done, 0 failed");
            await Assertions.Expect(page.GetByText("No instances match.")).ToBeVisibleAsync();
        });

        foreach (var instance in instances)
        {
            Assert.Empty(await product.SearchAsync("incidents", new { processInstanceKey = instance, state = "ACTIVE" }));
        }

        // The jobs are back: the worker takes them again.
        Assert.Equal(instances.Order(), (await ActivateAsync(prefix, 10)).Select(j => j!["processInstanceKey"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task An_operator_cancels_the_instances_whose_business_key_starts_with_a_prefix()
    {
        var prefix = Prefix("CAN");
        var canceled = new[] { await StartAsync($"{prefix}-1", prefix), await StartAsync($"{prefix}-2", prefix) };
        var kept = await StartAsync(Prefix("KEEP"));

        await product.AsUserAsync("oscar", nameof(An_operator_cancels_the_instances_whose_business_key_starts_with_a_prefix), async page =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Operations" }).ClickAsync();
            await page.GetByLabel("Business key starts with").FillAsync(prefix);
            await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"businessKey={prefix}"));
            await Assertions.Expect(page.GetByTestId("instance-row")).ToHaveCountAsync(2);

            await page.GetByRole(AriaRole.Region, new() { Name = "Actions on all matching instances" }).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Cancel 2 instances? Their open tasks and jobs end.")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

            var progress = page.GetByRole(AriaRole.Region, new() { Name = "Batch operation" });
            await Assertions.Expect(progress.GetByTestId("batch-state")).ToContainTextAsync("Done", new() { Timeout = 15_000 });
            await Assertions.Expect(progress).ToContainTextAsync("2 of 2 done, 0 failed");
            await Assertions.Expect(page.GetByTestId("instance-row").First).ToContainTextAsync("Canceled");
        });

        foreach (var instance in canceled)
        {
            Assert.Equal("TERMINATED", (await product.SearchAsync("process-instances", new { processInstanceKey = instance })).Single()!["state"]!.GetValue<string>());
        }

        Assert.Equal("ACTIVE", (await product.SearchAsync("process-instances", new { processInstanceKey = kept })).Single()!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Incidents_are_grouped_by_cause_and_element_and_a_group_is_retried_at_once()
    {
        var prefix = Prefix("GRP");
        var cause = $"warehouse {Guid.NewGuid():N} refused";
        var instances = await StuckAsync(prefix, 2, cause);

        await product.AsUserAsync("oscar", nameof(Incidents_are_grouped_by_cause_and_element_and_a_group_is_retried_at_once), async page =>
        {
            await page.GotoAsync($"{product.Address}#/operations");
            var groups = page.GetByRole(AriaRole.Region, new() { Name = "Incidents by cause" });
            // The message's varying parts are left out of the pattern, so both instances are in one group.
            var group = groups.GetByTestId("incident-group").Filter(new() { HasText = "warehouse" }).Filter(new() { HasText = "refused" });
            await Assertions.Expect(group).ToHaveCountAsync(1);
            await Assertions.Expect(group).ToContainTextAsync("Batch label › Create the label");
            await Assertions.Expect(group).ToContainTextAsync("2 instances");

            await group.GetByRole(AriaRole.Button, new() { Name = "Show instances" }).ClickAsync();
            var listed = groups.GetByRole(AriaRole.List, new() { Name = "Instances of this group" });
            foreach (var instance in instances)
            {
                await Assertions.Expect(listed.GetByRole(AriaRole.Link, new() { Name = instance })).ToBeVisibleAsync();
            }

            await group.GetByRole(AriaRole.Button, new() { Name = "Retry group" }).ClickAsync();
            await Assertions.Expect(groups.GetByText("Retry 2 instances with this incident?")).ToBeVisibleAsync();
            await groups.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
            var progress = page.GetByRole(AriaRole.Region, new() { Name = "Batch operation" });
            await Assertions.Expect(progress.GetByTestId("batch-state")).ToContainTextAsync("Done", new() { Timeout = 15_000 });
            await Assertions.Expect(progress).ToContainTextAsync("2 of 2 done, 0 failed");
            await Assertions.Expect(group).ToHaveCountAsync(0);
        });

        Assert.Equal(2, (await ActivateAsync(prefix, 10)).Count);
    }

    [Fact]
    public async Task Bug_incident_groups_never_refreshed_on_their_own()
    {
        await product.AsUserAsync("oscar", nameof(Bug_incident_groups_never_refreshed_on_their_own), async page =>
        {
            var groups = await IncidentGroupsOnPausedClockAsync(page);
            await Assertions.Expect(groups.GetByRole(AriaRole.Table).Or(groups.GetByText("No open incidents."))).ToBeVisibleAsync();

            var cause = Word();
            await StuckAsync(Prefix("POLL"), 1, $"payment {cause} declined");
            await page.Clock.RunForAsync(10_000);
            await Assertions.Expect(groups.GetByTestId("incident-group").Filter(new() { HasText = cause })).ToContainTextAsync("1 instance");
        });
    }

    [Fact]
    public async Task Bug_a_group_could_be_retried_again_while_its_retry_ran()
    {
        var cause = Word();
        await StuckAsync(Prefix("ONCE"), 1, $"payment {cause} declined");
        // Another group: retried meanwhile, its batch would have taken the place of the first one's in the view.
        var other = Word();
        await StuckAsync(Prefix("TWICE"), 1, $"payment {other} declined");

        await product.AsUserAsync("oscar", nameof(Bug_a_group_could_be_retried_again_while_its_retry_ran), async page =>
        {
            // No poll of the list may take the resolved group away while the batch is held running below.
            var groups = await IncidentGroupsOnPausedClockAsync(page);
            var group = groups.GetByTestId("incident-group").Filter(new() { HasText = cause });
            var retry = group.GetByRole(AriaRole.Button, new() { Name = "Retry group" });
            var otherRetry = groups.GetByTestId("incident-group").Filter(new() { HasText = other }).GetByRole(AriaRole.Button, new() { Name = "Retry group" });
            await Assertions.Expect(retry).ToBeEnabledAsync();
            await Assertions.Expect(otherRetry).ToBeEnabledAsync();

            // The batch's progress is not answered until the button has been checked: the batch runs as far as the page knows.
            var progressed = new TaskCompletionSource();
            await page.RouteAsync("**/v2/batch-operations/*", async route =>
            {
                await progressed.Task;
                await route.ContinueAsync();
            });
            try
            {
                await retry.ClickAsync();
                await groups.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Batch operation" })).ToBeVisibleAsync();
                await Assertions.Expect(retry).ToBeDisabledAsync();
                await Assertions.Expect(retry).ToHaveAttributeAsync("title", "A retry of this group is running.");
                await Assertions.Expect(otherRetry).ToBeDisabledAsync();
                await Assertions.Expect(otherRetry).ToHaveAttributeAsync("title", "A batch operation is running: wait until it is done.");
            }
            finally
            {
                progressed.SetResult();
            }

            await page.Clock.ResumeAsync();
            await Assertions.Expect(page.GetByTestId("batch-state")).ToContainTextAsync("1 of 1 done, 0 failed");
            await Assertions.Expect(group).ToHaveCountAsync(0);
            await Assertions.Expect(otherRetry).ToBeEnabledAsync();
        });
    }

    [Fact]
    public async Task A_retry_shows_retrying_until_the_job_fails_again_and_then_says_so()
    {
        var prefix = Prefix("FOL");
        var instance = (await StuckAsync(prefix, 1, "carrier API down (503)")).Single();

        await product.AsUserAsync("oscar", nameof(A_retry_shows_retrying_until_the_job_fails_again_and_then_says_so), async page =>
        {
            await page.GotoAsync($"{product.Address}#/operations/{instance}");
            var incidents = page.GetByRole(AriaRole.Region, new() { Name = "Incidents" });
            await Assertions.Expect(incidents).ToContainTextAsync("Create the label");
            await incidents.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
            var outcome = page.GetByTestId("retry-outcome");
            await Assertions.Expect(outcome).ToHaveTextAsync("Retrying Create the label…");

            // The worker takes the job again and it fails again: the page says so instead of "resolved".
            var job = Assert.Single(await ActivateAsync(prefix, 1))!["jobKey"]!.GetValue<string>();
            await Assertions.Expect(outcome).ToHaveTextAsync("Retrying Create the label…");
            await ApiAssert.NoContent(await product.Api.PostAsJsonAsync($"/v2/jobs/{job}/failure", new { retries = 0, errorMessage = "carrier API still down (503)" }));
            await Assertions.Expect(outcome).ToContainTextAsync("Create the label failed again: carrier API still down (503)", new() { Timeout = 10_000 });

            await incidents.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
            job = Assert.Single(await ActivateAsync(prefix, 1))!["jobKey"]!.GetValue<string>();
            await ApiAssert.NoContent(await product.Api.PostAsJsonAsync($"/v2/jobs/{job}/completion", new { variables = new { labelId = "L-9" } }));
            await Assertions.Expect(outcome).ToHaveTextAsync("Create the label ran again and succeeded.", new() { Timeout = 10_000 });
        });
    }

    [Fact]
    public async Task An_operator_adds_a_variable_and_a_finished_instance_offers_no_changes()
    {
        var running = await StartAsync(Prefix("VAR"));
        var finished = await StartAsync(Prefix("END"));
        await ApiAssert.NoContent(await product.Api.PostAsync($"/v2/process-instances/{finished}/cancellation", null));

        await product.AsUserAsync("oscar", nameof(An_operator_adds_a_variable_and_a_finished_instance_offers_no_changes), async page =>
        {
            await page.GotoAsync($"{product.Address}#/operations/{running}");
            var form = page.GetByRole(AriaRole.Form, new() { Name = "New variable" });
            await form.GetByLabel("Variable name").FillAsync("refundNote");
            await form.GetByLabel("Value (JSON)").FillAsync("call back");
            await form.GetByRole(AriaRole.Button, new() { Name = "Add variable" }).ClickAsync();
            await Assertions.Expect(form).ToContainTextAsync("Not JSON");
            await form.GetByLabel("Value (JSON)").FillAsync("\"call back tomorrow\"");
            await form.GetByRole(AriaRole.Button, new() { Name = "Add variable" }).ClickAsync();
            var variables = page.GetByRole(AriaRole.Region, new() { Name = "Variables" });
            await Assertions.Expect(variables.GetByRole(AriaRole.Row).Filter(new() { HasText = "refundNote" })).ToContainTextAsync("\"call back tomorrow\"");
            await Assertions.Expect(variables.GetByRole(AriaRole.Button, new() { Name = "Edit refundNote" })).ToBeVisibleAsync();

            await page.GotoAsync($"{product.Address}#/operations/{finished}");
            await Assertions.Expect(page.GetByText("This instance has ended: it can no longer be changed.")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Variables" }).GetByRole(AriaRole.Row).Nth(1)).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Edit", Exact = false })).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByRole(AriaRole.Form, new() { Name = "New variable" })).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel instance" })).ToHaveCountAsync(0);
        });

        var note = (await product.SearchAsync("variables", new { processInstanceKey = running, name = "refundNote" })).Single()!;
        Assert.Equal("\"call back tomorrow\"", note["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bug_a_search_the_operator_had_moved_on_from_answered_late_and_replaced_the_list()
    {
        var before = Prefix("BEFORE");
        var after = Prefix("AFTER");
        var left = await StartAsync($"{before}-1", before);
        await StartAsync($"{after}-1", after);

        await product.AsUserAsync("oscar", nameof(Bug_a_search_the_operator_had_moved_on_from_answered_late_and_replaced_the_list), async page =>
        {
            // No poll of the list: the test decides which answer comes when.
            await page.Clock.InstallAsync();
            await page.Clock.PauseAtAsync(DateTime.UtcNow.AddMinutes(1));
            var held = new TaskCompletionSource();
            var asked = new TaskCompletionSource();
            await page.RouteAsync("**/v2/process-instances/search", async route =>
            {
                if (route.Request.PostData?.Contains(before, StringComparison.Ordinal) == true)
                {
                    asked.TrySetResult();
                    await held.Task;
                }

                await route.ContinueAsync();
            });
            var rows = page.GetByTestId("instance-row");
            try
            {
                await page.GotoAsync($"{product.Address}#/operations?businessKey={before}");
                await asked.Task;
                await page.GotoAsync($"{product.Address}#/operations?businessKey={after}");
                await Assertions.Expect(rows).ToHaveCountAsync(1);
                await Assertions.Expect(rows.First).ToContainTextAsync(after);

                // The first search answers now, and the page asks for its instance's case lines (before showing it, or not).
                var lines = page.WaitForResponseAsync(r => r.Url.Contains("/v2/variables/search", StringComparison.Ordinal)
                    && r.Request.PostData?.Contains(left, StringComparison.Ordinal) == true);
                held.TrySetResult();
                await lines;
            }
            finally
            {
                held.TrySetResult();
            }

            await Assertions.Expect(rows).ToHaveCountAsync(1);
            await Assertions.Expect(rows.First).ToContainTextAsync(after);
            await Assertions.Expect(page.GetByText(before)).ToHaveCountAsync(0);
        });
    }

    /// <summary>Opens an instance's page and waits until its variables are listed (the start's <c>orderId</c> among them).</summary>
    private async Task OpenWithVariablesAsync(IPage page, string instance)
    {
        await page.GotoAsync($"{product.Address}#/operations/{instance}");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Variables" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "orderId" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Bug_adding_a_variable_twice_before_the_refresh_overwrote_it_instead_of_saying_the_name_exists()
    {
        var running = await StartAsync(Prefix("TWICE"));

        await product.AsUserAsync("oscar", nameof(Bug_adding_a_variable_twice_before_the_refresh_overwrote_it_instead_of_saying_the_name_exists), async page =>
        {
            await OpenWithVariablesAsync(page, running);
            // From here the variables are not listed again before the end of the test: the check must not wait for them.
            var listed = new TaskCompletionSource();
            await page.RouteAsync("**/v2/variables/search", async route =>
            {
                await listed.Task;
                await route.ContinueAsync();
            });
            try
            {
                var form = page.GetByRole(AriaRole.Form, new() { Name = "New variable" });
                await form.GetByLabel("Variable name").FillAsync("callBack");
                await form.GetByLabel("Value (JSON)").FillAsync("\"monday\"");
                await form.GetByRole(AriaRole.Button, new() { Name = "Add variable" }).ClickAsync();
                await Assertions.Expect(page.GetByText("Variable callBack added.")).ToBeVisibleAsync();

                await form.GetByLabel("Variable name").FillAsync("callBack");
                await form.GetByLabel("Value (JSON)").FillAsync("\"tuesday\"");
                await form.GetByRole(AriaRole.Button, new() { Name = "Add variable" }).ClickAsync();
                await Assertions.Expect(form.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This instance already has callBack: edit it instead.");
            }
            finally
            {
                listed.SetResult();
            }
        });

        var callBack = (await product.SearchAsync("variables", new { processInstanceKey = running, name = "callBack" })).Single()!;
        Assert.Equal("\"monday\"", callBack["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bug_a_double_click_on_add_variable_saved_the_variable_twice()
    {
        var running = await StartAsync(Prefix("DOUBLE"));

        await product.AsUserAsync("oscar", nameof(Bug_a_double_click_on_add_variable_saved_the_variable_twice), async page =>
        {
            await OpenWithVariablesAsync(page, running);
            // The save is held until both clicks are in: the second must find the first on its way.
            var saves = 0;
            var held = new TaskCompletionSource();
            await page.RouteAsync("**/v2/element-instances/*/variables", async route =>
            {
                Interlocked.Increment(ref saves);
                await held.Task;
                await route.ContinueAsync();
            });
            var form = page.GetByRole(AriaRole.Form, new() { Name = "New variable" });
            await form.GetByLabel("Variable name").FillAsync("courier");
            await form.GetByLabel("Value (JSON)").FillAsync("\"DHL\"");
            var add = form.GetByRole(AriaRole.Button, new() { Name = "Add variable" });
            await add.DblClickAsync();
            await Assertions.Expect(add).ToBeDisabledAsync();
            held.SetResult();

            await Assertions.Expect(page.GetByText("Variable courier added.")).ToBeVisibleAsync();
            await Assertions.Expect(add).ToBeEnabledAsync();
            Assert.Equal(1, Volatile.Read(ref saves));
        });

        Assert.Single(await product.SearchAsync("variables", new { processInstanceKey = running, name = "courier" }));
    }

    [Fact]
    public async Task An_operator_migrates_the_running_instances_of_a_version_to_the_next_as_a_batch()
    {
        var prefix = Prefix("MIG");
        var xml = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "batch-migrate.bpmn"));
        await DeployXmlAsync(xml);
        var v1 = (await product.SearchAsync("process-definitions", new { processDefinitionId = "e2e-batch-migrate" })).Max(d => d!["version"]!.GetValue<int>());
        var instances = new[]
        {
            await product.StartAsync("e2e-batch-migrate", new { orderId = $"{prefix}-1", jobType = JobType(prefix) }),
            await product.StartAsync("e2e-batch-migrate", new { orderId = $"{prefix}-2", jobType = JobType(prefix) }),
        };
        await DeployXmlAsync(xml.Replace("name=\"Create the label\"", $"name=\"Create the label ({prefix})\"", StringComparison.Ordinal));

        await product.AsUserAsync("oscar", nameof(An_operator_migrates_the_running_instances_of_a_version_to_the_next_as_a_batch), async page =>
        {
            await page.GotoAsync($"{product.Address}#/operations?process=e2e-batch-migrate&version={v1}&businessKey={prefix}");
            await Assertions.Expect(page.GetByTestId("instance-row")).ToHaveCountAsync(2);
            await page.GetByRole(AriaRole.Button, new() { Name = "Migrate to version…" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Assertions.Expect(dialog.GetByLabel("Target version")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\\d+"));
            await Assertions.Expect(dialog.GetByRole(AriaRole.Row).Filter(new() { HasText = "Create the label" })).ToContainTextAsync("same element");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Migrate" }).ClickAsync();
            await Assertions.Expect(dialog.GetByRole(AriaRole.Status)).ToContainTextAsync($"Migrate 2 instances to version {v1 + 1}?");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();

            var progress = page.GetByRole(AriaRole.Region, new() { Name = "Batch operation" });
            await Assertions.Expect(progress.GetByTestId("batch-state")).ToContainTextAsync("Done", new() { Timeout = 15_000 });
            await Assertions.Expect(progress).ToContainTextAsync("2 of 2 done, 0 failed");
        });

        foreach (var instance in instances)
        {
            Assert.Equal(v1 + 1, (await product.SearchAsync("process-instances", new { processInstanceKey = instance })).Single()!["processDefinitionVersion"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task The_operations_pages_fit_a_phone_and_read_in_Chinese()
    {
        var prefix = Prefix("ZH");
        var instance = (await StuckAsync(prefix, 1, "carrier API down (503)")).Single();

        await product.AsUserAsync("oscar", nameof(The_operations_pages_fit_a_phone_and_read_in_Chinese), async page =>
        {
            await page.SetViewportSizeAsync(390, 844);
            await page.GotoAsync($"{product.Address}#/operations?businessKey={prefix}");
            await Assertions.Expect(page.GetByTestId("instance-row")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Incidents by cause" })).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "the instance list scrolls sideways at 390 px");
            await page.GotoAsync($"{product.Address}#/operations/{instance}");
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Incidents" })).ToContainTextAsync("Create the label");
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "the instance page scrolls sideways at 390 px");

            await page.EvaluateAsync("localStorage.setItem('orchestrator.language', 'zh-CN')");
            await page.GotoAsync($"{product.Address}#/operations?businessKey={prefix}");
            await page.ReloadAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "流程实例" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "重试故障" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("instance-row")).ToContainTextAsync("运行中");
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "按原因分组的故障" })).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "the Chinese instance list scrolls sideways at 390 px");
            await page.EvaluateAsync("localStorage.removeItem('orchestrator.language')");
        });
    }

    /// <summary>The operations page's incident groups, on a page whose timers (the polls) run only when the test moves its clock.</summary>
    private async Task<ILocator> IncidentGroupsOnPausedClockAsync(IPage page)
    {
        await page.Clock.InstallAsync();
        await page.Clock.PauseAtAsync(DateTime.UtcNow.AddMinutes(1));
        await page.GotoAsync($"{product.Address}#/operations");
        await page.ReloadAsync();
        return page.GetByRole(AriaRole.Region, new() { Name = "Incidents by cause" });
    }

    private async Task DeployXmlAsync(string xml)
    {
        using var deployment = new MultipartFormDataContent { { new StringContent(xml, System.Text.Encoding.UTF8, "application/xml"), "resources", "batch-migrate.bpmn" } };
        await ApiAssert.OkJson(await product.Api.PostAsync("/v2/deployments", deployment));
    }

    private static string Prefix(string kind) => $"E2E-{kind}-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";

    /// <summary>Starts an instance whose job is of a type of its own (<see cref="JobType"/> of its prefix), so no other test's worker takes it.</summary>
    private async Task<string> StartAsync(string orderId, string? prefix = null)
    {
        await product.DeployAsync("batch.bpmn");
        return await product.StartAsync(Process, new { orderId, jobType = JobType(prefix ?? orderId) });
    }

    private static string JobType(string prefix) => $"e2e.batch.{prefix}";

    /// <summary>A word of letters only, which an incident's message keeps in its group's pattern (digits are left out of it).</summary>
    private static string Word() => string.Concat(Guid.NewGuid().ToString("N").Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    /// <summary>Starts <paramref name="count"/> instances whose job fails out of retries with <paramref name="error"/>.</summary>
    private async Task<List<string>> StuckAsync(string prefix, int count, string error)
    {
        var instances = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            instances.Add(await StartAsync($"{prefix}-{i}", prefix));
        }

        foreach (var job in await ActivateAsync(prefix, count))
        {
            await ApiAssert.NoContent(await product.Api.PostAsJsonAsync($"/v2/jobs/{job!["jobKey"]}/failure", new { retries = 0, errorMessage = error }));
        }

        foreach (var instance in instances)
        {
            Assert.NotEmpty(await product.SearchAsync("incidents", new { processInstanceKey = instance, state = "ACTIVE" }));
        }

        return instances;
    }

    private async Task<JsonArray> ActivateAsync(string prefix, int max) =>
        (await ApiAssert.OkJson(await product.Api.PostAsJsonAsync("/v2/jobs/activation",
            new { type = JobType(prefix), worker = "e2e", timeout = 60_000, maxJobsToActivate = max, requestTimeout = 10_000 })))["jobs"]!.AsArray();
}
