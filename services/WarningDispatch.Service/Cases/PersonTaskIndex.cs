using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Cases;

/// <summary>
/// Every task about a person, by when its instruction was issued, under the person's keyed hashes (never the phone or
/// id number): what a fraud report about the person matches, and what a search by phone finds. Unlike the case's
/// person keys, these outlive the correlation window.
/// </summary>
public sealed class PersonTaskIndex(PersonKeyring keyring) : ITaskIndex
{
    public static string Name(string personKey) => "person:" + personKey;

    public IEnumerable<IndexEntry> EntriesFor(DispatchTask task, TaskIndexChange change) => change.Created
        ? keyring.Of(task.Instruction.Subject).All.Select(key =>
            IndexEntry.Sorted(Name(key), task.TaskId, task.Instruction.IssuedAt.ToUnixTimeMilliseconds()))
        : [];
}
