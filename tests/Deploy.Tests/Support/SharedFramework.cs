using System.Reflection;

namespace MathCluster.Deploy.Tests.Support;

/// <summary>
/// Whether code needs the ASP.NET Core shared framework at run time, found from the assemblies it references
/// (a package such as Orleans.Dashboard brings the framework in without the project saying so).
/// </summary>
public static class SharedFramework
{
    public static bool NeedsAspNetCore(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<AssemblyName>([root.GetName()]);
        while (pending.TryDequeue(out var name))
        {
            if (name.Name is null || !seen.Add(name.Name)) continue;
            if (name.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)) return true;
            // The .NET runtime's own assemblies never lead to ASP.NET Core; skip loading them.
            if (name.Name.StartsWith("System", StringComparison.Ordinal) || name.Name == "netstandard" || name.Name == "mscorlib") continue;
            Assembly assembly;
            try { assembly = Assembly.Load(name); }
            catch (FileNotFoundException) { continue; }
            foreach (var reference in assembly.GetReferencedAssemblies()) pending.Enqueue(reference);
        }
        return false;
    }
}
