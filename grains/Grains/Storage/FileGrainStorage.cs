using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;

namespace MathCluster.Grains.Storage;

/// <summary>
/// Grain state as one file per grain on local disk, for the single-process (embedded) mode, where state must
/// survive restarts without any database. Writes go to a temporary file first and replace the old one atomically,
/// so a crash never leaves half a state behind. Clusters use Redis instead.
/// </summary>
public sealed class FileGrainStorage(string name, FileGrainStorageOptions options, IOptions<ClusterOptions> cluster, IGrainStorageSerializer serializer)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var file = new FileInfo(PathFor(stateName, grainId));
        if (!file.Exists)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.RecordExists = false;
            grainState.ETag = null;
            return;
        }
        var bytes = await File.ReadAllBytesAsync(file.FullName);
        grainState.State = serializer.Deserialize<T>(new BinaryData(bytes));
        grainState.RecordExists = true;
        grainState.ETag = ETagOf(file);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathFor(stateName, grainId);
        CheckETag(path, grainState.ETag, grainId);
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, serializer.Serialize(grainState.State).ToArray());
        File.Move(temporary, path, overwrite: true);
        grainState.RecordExists = true;
        grainState.ETag = ETagOf(new FileInfo(path));
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathFor(stateName, grainId);
        CheckETag(path, grainState.ETag, grainId);
        File.Delete(path);
        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
        grainState.ETag = null;
        return Task.CompletedTask;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<FileGrainStorage>(name), ServiceLifecycleStage.ApplicationServices, _ =>
        {
            Directory.CreateDirectory(options.RootDirectory);
            return Task.CompletedTask;
        });

    // Grain ids may hold any character: the file name is a hash, with the readable part kept for operators.
    private string PathFor(string stateName, GrainId grainId)
    {
        var key = $"{cluster.Value.ServiceId}/{grainId}/{stateName}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        var readable = new string($"{grainId.Type}-{stateName}".Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        return Path.Combine(options.RootDirectory, $"{readable}-{hash}.state");
    }

    private static string ETagOf(FileInfo file) => $"{file.LastWriteTimeUtc.Ticks}-{file.Length}";

    private void CheckETag(string path, string? expected, GrainId grainId)
    {
        var file = new FileInfo(path);
        var actual = file.Exists ? ETagOf(file) : null;
        if (actual != expected)
            throw new InconsistentStateException($"State of {grainId} in storage '{name}' changed under this activation.", actual, expected);
    }
}
