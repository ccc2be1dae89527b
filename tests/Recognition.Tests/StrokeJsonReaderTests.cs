using System.Text;
using MathCluster.Recognition.Imaging;

namespace MathCluster.Recognition.Tests;

public class StrokeJsonReaderTests
{
    private static StrokeCanvas Read(string json) => StrokeJsonReader.Read(Encoding.UTF8.GetBytes(json));

    private static CanvasImageProblem Refused(string json) => Refused(Encoding.UTF8.GetBytes(json));

    private static CanvasImageProblem Refused(byte[] json) => Assert.Throws<CanvasImageException>(() => StrokeJsonReader.Read(json)).Problem;

    [Fact]
    public void StrokesInWritingOrder_WithOrWithoutTime_AreRead()
    {
        var strokes = Read("""{"width":300,"height":200,"penWidth":8,"strokes":[[[10,20,0],[30.5,40,16]],[[50,60]]],"extra":{"ignored":[1,2]}}""");

        Assert.Equal((300, 200, 8f), (strokes.Width, strokes.Height, strokes.PenWidth));
        Assert.Equal([10f, 20f, 30.5f, 40f, 50f, 60f], strokes.Coordinates);
        Assert.Equal([2, 3], strokes.StrokeEnds);
    }

    [Fact]
    public void PenWidth_DefaultsWhenLeftOut()
    {
        Assert.Equal(StrokeCanvas.DefaultPenWidth, Read("""{"strokes":[[[1,1]]],"width":10,"height":10}""").PenWidth);
    }

    [Theory]
    [InlineData("""{"width":10,"height":10,"strokes":[[[1,NaN]]]}""")]           // NaN is not JSON
    [InlineData("""{"width":10,"height":10,"strokes":[[[1,Infinity]]]}""")]
    [InlineData("""{"width":10,"height":10,"strokes":[[[1,1e999]]]}""")]          // overflows to infinity
    [InlineData("""{"width":10,"height":10,"strokes":[[[1,"2"]]]}""")]
    [InlineData("""{"width":10,"height":10,"strokes":[[[1]]]}""")]
    [InlineData("""{"width":10,"height":10,"strokes":[[[1,2,3,4]]]}""")]
    [InlineData("""{"width":10,"height":10,"strokes":[[]]}""")]
    [InlineData("""{"width":10,"height":10,"strokes":[[1,2]]}""")]
    [InlineData("""{"width":10,"height":10}""")]
    [InlineData("""{"strokes":[[[1,1]]]}""")]
    [InlineData("""{"width":10.5,"height":10,"strokes":[[[1,1]]]}""")]
    [InlineData("""{"width":10,"height":10,"penWidth":0,"strokes":[[[1,1]]]}""")]
    [InlineData("""{"width":10,"height":10,"penWidth":1000,"strokes":[[[1,1]]]}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"width":10,"height":10,"strokes":[[[1,1]]]} {}""")]
    [InlineData("""{"width":10,"height":10,"strokes":[[[1,1]]""")]
    [InlineData("""not json""")]
    public void MalformedJson_IsUnreadable(string json)
    {
        Assert.Equal(CanvasImageProblem.Unreadable, Refused(json));
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(5, -0.5)]
    [InlineData(10.5, 5)]
    [InlineData(5, 10.01)]
    public void PointsOffTheCanvas_AreRefused(double x, double y)
    {
        Assert.Equal(CanvasImageProblem.Unreadable, Refused($$"""{"width":10,"height":10,"strokes":[[[5,5],[{{x}},{{y}}]]]}"""));
    }

    [Fact]
    public void DeepNesting_IsRefusedByTheReader_NotByTheStack()
    {
        string deep = new string('[', 100_000) + new string(']', 100_000);
        Assert.Equal(CanvasImageProblem.Unreadable, Refused("""{"width":10,"height":10,"strokes":[[[1,1]]],"x":""" + deep + "}"));
        Assert.Equal(CanvasImageProblem.Unreadable, Refused($$"""{"width":10,"height":10,"strokes":[[[[[1,1]]]]]}"""));
    }

    [Fact]
    public void TooManyStrokes_AreTooLarge()
    {
        var json = new StringBuilder("""{"width":100,"height":100,"strokes":[""");
        for (int i = 0; i <= StrokeCanvas.MaxStrokes; i++) json.Append(i == 0 ? "" : ",").Append("[[1,1]]");
        json.Append("]}");
        Assert.Equal(CanvasImageProblem.TooLarge, Refused(json.ToString()));
    }

    [Fact]
    public void TooManyPoints_AreTooLarge()
    {
        // In JSON the byte limit bites first (a point takes at least 6 bytes); the grain request is checked again.
        var json = new StringBuilder("""{"width":9,"height":9,"strokes":[[""");
        for (int i = 0; i <= StrokeCanvas.MaxPoints; i++) json.Append(i == 0 ? "" : ",").Append("[1,1]");
        json.Append("]]}");
        Assert.Equal(CanvasImageProblem.TooLarge, Refused(json.ToString()));
        var points = new float[2 * (StrokeCanvas.MaxPoints + 1)];
        var error = Assert.Throws<CanvasImageException>(() => StrokeCanvas.Create(9, 9, 4, points, [StrokeCanvas.MaxPoints + 1]));
        Assert.Equal(CanvasImageProblem.TooLarge, error.Problem);
        Assert.Equal(StrokeCanvas.MaxPoints, StrokeCanvas.Create(9, 9, 4, new float[2 * StrokeCanvas.MaxPoints], [StrokeCanvas.MaxPoints]).PointCount);
    }

    [Fact]
    public void MoreBytesThanTheLimit_AreTooLarge_BeforeParsing()
    {
        var json = new byte[StrokeCanvas.MaxJsonBytes + 1];
        json.AsSpan().Fill((byte)' ');
        Assert.Equal(CanvasImageProblem.TooLarge, Refused(json));
        Assert.Equal(CanvasImageProblem.Empty, Refused([]));
    }

    [Fact]
    public void AHugeCanvas_IsTooLarge()
    {
        Assert.Equal(CanvasImageProblem.TooLarge, Refused("""{"width":100000,"height":10,"strokes":[[[1,1]]]}"""));
    }

    [Fact]
    public void Strokes_AreDrawnIntoInk_AtThePenWidth_OnlyWhereAsked()
    {
        var strokes = Read("""{"width":200,"height":100,"penWidth":10,"strokes":[[[20,50],[80,50]],[[150,50]]]}""");

        var line = strokes.Draw([0], strokes.StrokeBox(0));
        Assert.Equal(new PixelBox(15, 45, 70, 10), strokes.StrokeBox(0));
        Assert.Equal(1f, line[35, 5]);     // on the line's centre
        Assert.Equal(1f, line[0, 5], 1);   // round cap: half a pen before the first point
        var dot = strokes.Draw([1], strokes.StrokeBox(1));
        Assert.Equal(1f, dot[5, 5]);
    }
}
