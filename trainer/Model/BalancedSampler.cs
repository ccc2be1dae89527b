namespace MathCluster.Trainer.Model;

/// <summary>
/// Draws one epoch's sample order with a fixed number of samples per class, whatever the data's own balance:
/// large classes are subsampled afresh each epoch, small ones repeated (augmentation makes the repeats differ).
/// </summary>
public static class BalancedSampler
{
    public static int[] Epoch(IReadOnlyList<int> labels, int classCount, Func<int, int> perClass, Random random)
    {
        var byClass = new List<int>[classCount];
        for (int c = 0; c < classCount; c++) byClass[c] = [];
        for (int i = 0; i < labels.Count; i++) byClass[labels[i]].Add(i);

        var order = new List<int>();
        for (int c = 0; c < classCount; c++)
        {
            if (byClass[c].Count == 0) continue;
            var shuffled = byClass[c].ToArray();
            random.Shuffle(shuffled);
            for (int k = 0; k < perClass(c); k++) order.Add(shuffled[k % shuffled.Length]);
        }
        var result = order.ToArray();
        random.Shuffle(result);
        return result;
    }
}
